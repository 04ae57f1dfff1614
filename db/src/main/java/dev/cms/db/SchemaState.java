package dev.cms.db;

import java.util.ArrayList;
import java.util.List;

/**
 * A database's schema compared with this build's migrations: the version it is at, and the
 * migrations that keep it from being current, each named as "version (description)".
 *
 * @param database the URL without options or credentials
 * @param pending  migrations of this build not applied yet
 * @param failed   migrations recorded as failed
 * @param other    anything else wrong (a changed checksum, a migration missing from this build), in words
 */
public record SchemaState(String database, String version, List<String> pending, List<String> failed,
                          List<String> other) {

    public SchemaState {
        pending = List.copyOf(pending);
        failed = List.copyOf(failed);
        other = List.copyOf(other);
    }

    /** Whether a node may serve from this database: nothing pending, failed or otherwise wrong. */
    public boolean current() {
        return pending.isEmpty() && failed.isEmpty() && other.isEmpty();
    }

    /** One line per problem, for an operator. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        pending.forEach(name -> problems.add("migration " + name + " is pending"));
        failed.forEach(name -> problems.add("migration " + name + " failed"));
        problems.addAll(other);
        return problems;
    }
}
