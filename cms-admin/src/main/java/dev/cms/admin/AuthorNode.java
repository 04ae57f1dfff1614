package dev.cms.admin;

import io.micronaut.runtime.Micronaut;

/** The author node: the admin at /admin plus the whole public site, in one process. */
public final class AuthorNode {

    private AuthorNode() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(AuthorNode.class).banner(false).start();
    }
}
