package dev.cms.admin;

import dev.cms.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of cms-admin depend on each other in one direction only. */
class PackageCyclesTest {

    @Test
    void adminPackagesHaveNoCycle() {
        PackageCycles.assertNone(AuthorNode.class, "dev.cms.admin.");
    }
}
