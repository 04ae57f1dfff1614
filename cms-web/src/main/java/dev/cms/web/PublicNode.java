package dev.cms.web;

import dev.cms.core.schema.NodeStartup;
import dev.cms.db.DatabaseSettings;

/** The public node: serves the site to readers from the shared database, with no admin at all. */
public final class PublicNode {

    private PublicNode() {
    }

    public static void main(String[] args) {
        DatabaseSettings.keepEmbeddedServerLocal();
        NodeStartup.start(PublicNode.class, args);
    }
}
