package dev.cms.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin accounts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    @Query("SELECT * FROM app_user ORDER BY username")
    List<User> listAll();

    @Query("SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE")
    long countEnabledAdmins();

    /** Lockout bookkeeping is kept out of the entity: these statements own it. */
    @Query("""
            UPDATE app_user SET failed_logins = failed_logins + 1,
                   locked_until = CASE WHEN failed_logins + 1 >= :threshold THEN :lockUntil ELSE locked_until END
            WHERE username = :username""")
    void recordFailedLogin(String username, int threshold, Instant lockUntil);

    @Query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id")
    void clearFailedLogins(Long id);

    @Query("SELECT COUNT(*) FROM app_user WHERE username = :username AND locked_until IS NOT NULL AND locked_until > :now")
    long countLocked(String username, Instant now);
}
