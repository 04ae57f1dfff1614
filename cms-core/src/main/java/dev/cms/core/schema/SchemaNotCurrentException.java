package dev.cms.core.schema;

/**
 * Why a node refuses to start: its database is not at this build's schema (a migration pending or
 * failed) or could not be migrated. The message is for an operator: what is wrong and what to run.
 */
public class SchemaNotCurrentException extends RuntimeException {

    public SchemaNotCurrentException(String message) {
        super(message);
    }

    public SchemaNotCurrentException(String message, Throwable cause) {
        super(message, cause);
    }
}
