package dev.cms.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Admin accounts. A username is unique whatever its case: the table's {@code username_key} (its
 * lower-case form, kept by a CHECK) is the unique one, written by {@link #insert} alone, and
 * {@link #findByUsernameIgnoringCase} looks a name up as a person types it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, Long> {

    /** The account with exactly this name, as the login cookie and the audit log spell it. */
    Optional<User> findByUsername(String username);

    /** The account with this name in any case: 'Chief' finds 'chief'. */
    @Query("SELECT * FROM app_user WHERE username_key = LOWER(:username)")
    Optional<User> findByUsernameIgnoringCase(String username);

    /**
     * Adds an enabled account with token version 0 (the entity's {@code save} cannot: it does not
     * know {@code username_key}). Two adds of one name in two cases are refused by the database.
     */
    @Query("""
            INSERT INTO app_user (username, username_key, display_name, password_hash, role, enabled, token_version,
                                  created_at, updated_at)
            VALUES (:username, LOWER(:username), :displayName, :passwordHash, :role, TRUE, 0, :now, :now)""")
    void insert(String username, String displayName, String passwordHash, String role, Instant now);

    /** Adds an account as a site archive holds it (see {@link UserService#importUser}): its state and creation time kept. */
    @Query("""
            INSERT INTO app_user (username, username_key, display_name, password_hash, role, enabled, token_version,
                                  created_at, updated_at)
            VALUES (:username, LOWER(:username), :displayName, :passwordHash, :role, :enabled, 0, :createdAt, :now)""")
    void insertImported(String username, String displayName, String passwordHash, String role, boolean enabled,
                        Instant createdAt, Instant now);

    /** Takes the single setup row: succeeds for one transaction only, ever (see V24). */
    @Query("INSERT INTO site_setup (id, done_at) VALUES (1, :now)")
    void claimSetup(Instant now);

    /** These users (the audit page shows display names, one query per page). */
    @Query("SELECT * FROM app_user WHERE username IN (:usernames)")
    List<User> findByUsernames(Collection<String> usernames);

    @Query("SELECT * FROM app_user ORDER BY username")
    List<User> listAll();

    @Query("SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE")
    long countEnabledAdmins();

    /** Lockout bookkeeping is kept out of the entity: these statements own it (see {@link UserService#authenticate}). */
    @Query("INSERT INTO login_failure (user_id, at) VALUES (:userId, :at)")
    void addFailedLogin(Long userId, Instant at);

    /** Failures after {@code since}; older ones are deleted first, so an account keeps a handful of rows at most. */
    @Query("SELECT COUNT(*) FROM login_failure WHERE user_id = :userId AND at > :since")
    long countFailedLoginsSince(Long userId, Instant since);

    @Query("DELETE FROM login_failure WHERE user_id = :userId AND at <= :before")
    void deleteFailedLoginsBefore(Long userId, Instant before);

    @Query("DELETE FROM login_failure WHERE user_id = :userId")
    void deleteFailedLogins(Long userId);

    @Query("UPDATE app_user SET locked_until = :until WHERE id = :id")
    void lockUntil(Long id, Instant until);

    @Query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id")
    void clearLock(Long id);

    @Query("SELECT COUNT(*) FROM app_user WHERE id = :id AND locked_until IS NOT NULL AND locked_until > :now")
    long countLocked(Long id, Instant now);

    /** The account's TOTP secret, or '' when it has no second factor. */
    @Query("SELECT COALESCE(totp_secret, '') FROM app_user WHERE id = :id")
    String findTotpSecret(Long id);

    @Query("SELECT COALESCE(totp_last_step, -1) FROM app_user WHERE id = :id")
    long findTotpLastStep(Long id);

    /**
     * Records that a code of this time step was accepted, if no later or equal step was: 1 when it
     * was recorded, 0 when the code was used already (here or on another node).
     */
    @Query("UPDATE app_user SET totp_last_step = :step WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)")
    int acceptTotpStep(Long id, long step);

    @Query("UPDATE app_user SET totp_secret = :secret, totp_last_step = :step WHERE id = :id")
    void setTotp(Long id, String secret, long step);

    @Query("UPDATE app_user SET totp_secret = NULL, totp_last_step = NULL WHERE id = :id")
    void clearTotp(Long id);
}
