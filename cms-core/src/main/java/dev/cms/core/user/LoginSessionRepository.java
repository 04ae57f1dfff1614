package dev.cms.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Logins that are still on (see {@link LoginSessionService}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LoginSessionRepository extends CrudRepository<LoginSession, String> {

    /** Whether the session is on and belongs to this enabled user at this token version: one indexed read per request. */
    @Query("""
            SELECT COUNT(*) FROM login_session s JOIN app_user u ON u.id = s.user_id
            WHERE s.id = :id AND s.expires_at > :now AND u.username = :username
              AND u.enabled = TRUE AND u.token_version = :tokenVersion""")
    long countActive(String id, String username, int tokenVersion, Instant now);

    @Query("DELETE FROM login_session WHERE id = :id")
    int end(String id);

    @Query("DELETE FROM login_session WHERE expires_at <= :now")
    int deleteExpired(Instant now);
}
