package dev.cms.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

/** Forms kept through a login (see {@link UnsavedFormService}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UnsavedFormRepository extends CrudRepository<UnsavedForm, String> {

    Optional<UnsavedForm> findByIdAndUserId(String id, Long userId);

    @Query("DELETE FROM unsaved_form WHERE created_at <= :before")
    int deleteCreatedBefore(Instant before);
}
