package dev.cms.admin.cli;

import dev.cms.admin.batch.Interruption;
import dev.cms.core.schema.SchemaNotCurrentException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The author node's jar as a command line: {@code java -jar cms-admin.jar COMMAND} runs a content
 * command against the node's database, configured exactly as the node is (application.yml and the
 * CMS_* environment), and exits without starting a server. The node's services are started only
 * once the command line has parsed, so help and usage errors need no database.
 */
@Command(name = "cms-admin", sortOptions = false,
        description = "Content commands of the author node. Without a command, java -jar cms-admin.jar starts the"
                + " node (the admin at /admin and the public site); with one, it runs that command against the"
                + " node's database and exits, without starting a server.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        subcommands = {CreateAdminCommand.class, ExportCommand.class, ExportStaticCommand.class, ImportCommand.class,
            ImportHtmlCommand.class,
            BackupCommand.class, RestoreCommand.class, ReindexCommand.class, RelatedCommand.class},
        footerHeading = "%nSettings:%n",
        footer = {
            "  The node's environment: CMS_DB_URL, CMS_DB_USER, CMS_DB_PASSWORD, CMS_DATA_DIR",
            "  and the rest (see the README). On the embedded H2 database, commands reach",
            "  the running node's database through it (H2 AUTO_SERVER, on 127.0.0.1).",
            "",
            "Exit status: 0 done, 1 failed, 2 bad command line, 130 interrupted (what was kept: see the",
            "command's --help).",
            "Run 'java -jar cms-admin.jar COMMAND --help' for the options of a command."})
public final class AdminCommandLine {

    /** H2's "database may be already in use": another process has the file open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** Exit status of an interrupted command, as shells report a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Also show the stack trace of a failure.")
    private boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    private boolean help;

    private final Supplier<ApplicationContext> contexts;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Interruption interruption;
    private ApplicationContext context;

    /**
     * @param contexts gives the node's started application context, asked once, when a command first
     *                 needs a service; whoever supplies it closes it
     */
    public AdminCommandLine(Supplier<ApplicationContext> contexts, InputStream in, PrintWriter out, PrintWriter err) {
        this(contexts, in, out, err, new Interruption());
    }

    /** @param interruption how a long command learns that it should stop (Ctrl-C, or a test) */
    public AdminCommandLine(Supplier<ApplicationContext> contexts, InputStream in, PrintWriter out, PrintWriter err,
            Interruption interruption) {
        this.contexts = contexts;
        this.interruption = interruption;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    /** Whether these arguments ask for a command (or help) rather than the server. */
    public static boolean isCommand(String... args) {
        return args.length > 0 && (!args[0].startsWith("-") || args[0].equals("-h") || args[0].equals("--help"));
    }

    /** Runs a command in this process, with the node's configuration and no server; returns the exit status. */
    public static int run(String... args) {
        if (System.getenv("CMS_LOG_LEVEL") == null && System.getProperty("CMS_LOG_LEVEL") == null) {
            // The command reports what it did; the framework's INFO lines are for the server.
            System.setProperty("CMS_LOG_LEVEL", "WARN");
        }
        ApplicationContext[] started = new ApplicationContext[1];
        Supplier<ApplicationContext> contexts = () -> {
            started[0] = ApplicationContext.builder()
                    .environments(Environment.CLI)
                    .properties(commandProperties())
                    .start();
            return started[0];
        };
        Interruption interruption = Interruption.onShutdown();
        try {
            return new AdminCommandLine(contexts, System.in, new PrintWriter(System.out, true),
                    new PrintWriter(System.err, true), interruption).execute(args);
        } finally {
            if (started[0] != null) {
                started[0].close();
            }
            // Only now may Ctrl-C let the JVM halt: the database is closed and every commit on disk.
            interruption.finished();
        }
    }

    /**
     * What a command's context sets over the node's configuration; {@code export-static} tests
     * start a command's context of their own with it.
     */
    static Map<String, Object> commandProperties() {
        // The node's configuration, less what belongs to a running node: its search index
        // (which a node on the same data directory may hold) and the publishing scheduler.
        Map<String, Object> properties = new HashMap<>(Map.of("cms.search.enabled", "false",
                "cms.scheduler.enabled", "false"));
        // export-static starts the public site in this process: on a free port, for this machine only,
        // so it never takes the port of a node running beside it.
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.server.host", "127.0.0.1");
        if (System.getenv("CMS_DB_SOCKET_TIMEOUT") == null) {
            // A node's short PostgreSQL read timeout keeps readers from hanging; a command's
            // statements (a whole topic's lists, an import's batches) may run longer, and an
            // operator watches it.
            properties.put("cms.db.socket-timeout", "10m");
        }
        if (System.getenv("CMS_DB_STATEMENT_TIMEOUT") == null) {
            // Likewise: a node's statements are cut off in the database; a command's may run long.
            properties.put("cms.db.statement-timeout", "0s");
        }
        return properties;
    }

    /** Runs the command line {@code args} and returns its exit status. */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(this::failed);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A service of the node, starting the node's context on first use. */
    <T> T bean(Class<T> type) {
        if (context == null) {
            context = contexts.get();
        }
        return context.getBean(type);
    }

    BufferedReader in() {
        return in;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Interruption interruption() {
        return interruption;
    }

    private int failed(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (isInterruption(e)) {
            err.println("cms-admin: " + commandLine.getCommandName() + " interrupted; nothing was written");
            return INTERRUPTED;
        }
        err.println("cms-admin: " + commandLine.getCommandName() + " failed: " + reason(e));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        return 1;
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Interruption.InterruptedCommandException) {
                return true;
            }
        }
        return false;
    }

    /** The failure in words: the node's own refusal, a database that cannot be opened, or the root cause. */
    private static String reason(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaNotCurrentException refusal) {
                return refusal.getMessage().replace("so this node does not start", "so no command runs on it");
            }
            if (t instanceof SQLException sql) {
                String hint = sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN
                        ? " (another process has the H2 file open for itself alone: stop it, or give every process"
                                + " a URL with ;AUTO_SERVER=TRUE as the default URL has)" : "";
                return "cannot open the database: " + firstLine(sql.getMessage()) + hint;
            }
            root = t;
        }
        String message = firstLine(root.getMessage());
        return message.isEmpty() ? root.getClass().getSimpleName() : message;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().split("\\R", 2)[0];
    }
}
