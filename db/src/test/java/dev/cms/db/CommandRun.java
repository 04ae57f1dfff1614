package dev.cms.db;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** One run of the migration command line, in process: its exit status and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(Map<String, String> env, List<String> extraLocations, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new MigrationCommand(env, extraLocations, new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** For assertion messages: everything the run showed. */
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
