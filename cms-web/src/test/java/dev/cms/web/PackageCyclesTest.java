package dev.cms.web;

import dev.cms.core.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of cms-web depend on each other in one direction only. */
class PackageCyclesTest {

    @Test
    void webPackagesHaveNoCycle() {
        PackageCycles.assertNone(PublicNode.class, "dev.cms.web.");
    }
}
