package dev.cms.admin.cli;

import dev.cms.admin.batch.Interruption;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of {@code cms-admin COMMAND} in this JVM, in a command context of its own on a node's
 * database (as {@code java -jar cms-admin.jar COMMAND} beside a running node): what it printed and
 * its exit status.
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code args} with the node's {@code properties} and what every command sets over them. */
    public static CommandRun inOwnContext(Map<String, String> properties, String... args) {
        return inOwnContext(properties, new Interruption(), args);
    }

    /** As above, stopped by {@code interruption} (Ctrl-C) at its first check once requested. */
    public static CommandRun inOwnContext(Map<String, String> properties, Interruption interruption, String... args) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(AdminCommandLine.commandProperties());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ApplicationContext[] started = new ApplicationContext[1];
        try {
            int exitCode = new AdminCommandLine(() -> {
                started[0] = ApplicationContext.builder().environments(Environment.CLI).properties(all).start();
                return started[0];
            }, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                    interruption).execute(args);
            return new CommandRun(exitCode, out.toString(), err.toString());
        } finally {
            if (started[0] != null) {
                started[0].close();
            }
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
