package dev.cms.admin.cli;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.user.AdminAccountChange;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code create-admin}: the first admin without the setup page, or a way back in for a locked-out
 * one: an existing user gets the new password, the ADMIN role and an enabled, unlocked account, and
 * every login cookie issued to it before stops working on every node. The password is never
 * printed; the audit log records the change.
 */
@Command(name = "create-admin", sortOptions = false,
        description = {"Create an admin account. When the user exists: set its new password, make it an enabled"
                + " admin and sign out its existing logins on every node.",
            "Without a password option, the password is asked for on the terminal."})
final class CreateAdminCommand implements Callable<Integer> {

    /** Who the audit log names for what this command does. */
    static final String ACTOR = "command-line";

    private static final Map<String, String> OPTIONS = Map.of("username", "--username",
            "displayName", "--display-name", "password", "password");

    @ParentCommand
    private AdminCommandLine commandLine;

    @Spec
    private CommandSpec spec;

    @Option(names = "--username", required = true, paramLabel = "<name>",
            description = "User name to sign in with (2-64 letters, digits, _ . @ -).")
    private String username;

    @Option(names = "--display-name", paramLabel = "<name>",
            description = "Name shown in the admin (default: the user name; an existing user keeps theirs).")
    private String displayName;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private PasswordSource passwordSource;

    static final class PasswordSource {
        @Option(names = "--password-stdin", required = true,
                description = "Read the password from the first line of standard input.")
        private boolean stdin;

        @Option(names = "--password", required = true, paramLabel = "<password>",
                description = "The password. Other users of this machine can see it (ps, shell history):"
                        + " prefer --password-stdin.")
        private String value;
    }

    @Override
    public Integer call() {
        String password = password();
        AdminAccountChange change;
        try {
            change = commandLine.bean(UserService.class).createOrResetAdmin(username, displayName, password);
        } catch (InvalidUserException e) {
            e.errors().forEach((field, message) -> commandLine.err().println(
                    "cms-admin: create-admin: " + OPTIONS.getOrDefault(field, field) + ": " + message));
            return 1;
        }
        User admin = change.after();
        commandLine.bean(AuditLog.class).record(ACTOR, change.created() ? "user-create" : "password-reset",
                "user " + admin.username(), "create-admin: role " + admin.role(), "");
        commandLine.out().println(report(change));
        return 0;
    }

    private String password() {
        if (passwordSource != null && passwordSource.value != null) {
            commandLine.err().println("cms-admin: warning: a password given with --password can be seen by other"
                    + " users of this machine; --password-stdin avoids that");
            return passwordSource.value;
        }
        if (passwordSource != null && passwordSource.stdin) {
            try {
                String line = commandLine.in().readLine();
                if (line == null || line.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--password-stdin: standard input has no password");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(),
                    "no password: give it on standard input with --password-stdin (or with --password)");
        }
        char[] first = console.readPassword("Password for %s: ", username);
        char[] again = console.readPassword("The same password again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new ParameterException(spec.commandLine(), "the two passwords differ");
        }
        return new String(first);
    }

    private static String report(AdminAccountChange change) {
        User after = change.after();
        if (change.created()) {
            return "Created admin '" + after.username() + "' (" + after.displayName() + "); sign in at /admin.";
        }
        User before = change.before();
        StringBuilder report = new StringBuilder("Set a new password for '").append(after.username())
                .append("'; its earlier logins are signed out on every node");
        if (!before.enabled()) {
            report.append("; the account is enabled again");
        }
        if (before.role() != Role.ADMIN) {
            report.append("; it is now an admin (was ").append(before.role()).append(')');
        }
        return report.append('.').toString();
    }
}
