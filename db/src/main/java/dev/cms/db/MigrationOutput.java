package dev.cms.db;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairOutput;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** What {@code cms-db} prints of Flyway's results: applied migrations, the {@code info} table, warnings. */
final class MigrationOutput {

    private static final DateTimeFormatter INSTALLED_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final PrintWriter err;

    MigrationOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    void printApplied(MigrateResult result) {
        if (result == null) {
            return;
        }
        for (MigrateOutput applied : nullToEmpty(result.getSuccessfulMigrations())) {
            String version = applied.version == null || applied.version.isEmpty() ? "(repeatable)" : applied.version;
            out.println("Applied migration " + version + ": " + applied.description);
        }
    }

    void printTable(MigrationInfo[] migrations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Version", "Description", "Type", "Installed on", "State"});
        for (MigrationInfo migration : migrations) {
            rows.add(new String[] {
                migration.getVersion() == null ? "(repeatable)" : migration.getVersion().toString(),
                migration.getDescription(),
                migration.getType() == null ? "" : migration.getType().name(),
                migration.getInstalledOn() == null ? "" : INSTALLED_ON.format(migration.getInstalledOn().toInstant()),
                migration.getState().getDisplayName()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    void printWarnings(List<String> warnings) {
        for (String warning : nullToEmpty(warnings)) {
            err.println("cms-db: warning: " + FailureMessages.plainWords(warning));
        }
    }

    static String name(RepairOutput migration) {
        return (migration.version == null || migration.version.isEmpty() ? "" : migration.version + " ")
                + "(" + migration.description + ")";
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
