package dev.cms.web;

import io.micronaut.runtime.Micronaut;

/** The public node: serves the site to readers from the shared database, with no admin at all. */
public final class PublicNode {

    private PublicNode() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(PublicNode.class).banner(false).start();
    }
}
