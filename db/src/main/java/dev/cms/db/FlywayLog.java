package dev.cms.db;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/**
 * Where Flyway's own log goes while the migration command runs: nowhere, unless {@code --verbose}.
 *
 * <p>The command reports what happened itself. Left alone, Flyway would find no SLF4J provider in
 * the jar and log every step through java.util.logging, two lines each, onto stderr. Flyway
 * creates this class by name (its {@code loggers} setting), so the destination is static.
 */
public final class FlywayLog implements LogCreator {

    private static volatile PrintWriter sink;
    private static volatile UnaryOperator<String> redactor = UnaryOperator.identity();

    /** Sends Flyway's info, warning and error lines to {@code writer}, passed through {@code redact}. */
    static void showOn(PrintWriter writer, UnaryOperator<String> redact) {
        redactor = redact;
        sink = writer;
    }

    /** Drops everything Flyway logs. */
    static void silence() {
        sink = null;
        redactor = UnaryOperator.identity();
    }

    @Override
    public Log createLogger(Class<?> type) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return false;
            }

            @Override
            public void debug(String message) {
                // Flyway's debug output is every SQL statement it runs: too much even for --verbose.
            }

            @Override
            public void info(String message) {
                print("", message);
            }

            @Override
            public void warn(String message) {
                print("warning: ", message);
            }

            @Override
            public void error(String message) {
                print("error: ", message);
            }

            @Override
            public void error(String message, Exception e) {
                print("error: ", message);
            }

            @Override
            public void notice(String message) {
                print("", message);
            }
        };
    }

    private static void print(String level, String message) {
        PrintWriter writer = sink;
        if (writer != null && message != null && !message.isBlank()) {
            writer.println("flyway: " + level + redactor.apply(message));
            writer.flush();
        }
    }
}
