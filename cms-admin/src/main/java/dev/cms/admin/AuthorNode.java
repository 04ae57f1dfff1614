package dev.cms.admin;

import dev.cms.admin.cli.AdminCommandLine;
import dev.cms.core.schema.NodeStartup;
import dev.cms.db.DatabaseSettings;

/**
 * The author node: the admin at /admin plus the whole public site, in one process; or, when the
 * first argument names a command ({@code create-admin}, {@code --help}), that command instead.
 */
public final class AuthorNode {

    private AuthorNode() {
    }

    public static void main(String[] args) {
        DatabaseSettings.keepEmbeddedServerLocal();
        if (AdminCommandLine.isCommand(args)) {
            System.exit(AdminCommandLine.run(args));
        }
        NodeStartup.start(AuthorNode.class, args);
    }
}
