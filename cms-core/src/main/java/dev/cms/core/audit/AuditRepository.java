package dev.cms.core.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** The audit log, newest first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEvent, Long> {

    @Query("SELECT * FROM audit_event ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditEvent> newest(int limit);
}
