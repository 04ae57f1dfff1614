package dev.cms.core.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** Recovery codes (see {@link TwoFactorService}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RecoveryCodeRepository extends CrudRepository<RecoveryCode, Long> {

    /** Uses the code if it is this user's and unused: 1 when it was, 0 otherwise (also when another node was first). */
    @Query("UPDATE recovery_code SET used_at = :now WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL")
    int use(Long userId, String codeHash, Instant now);

    @Query("SELECT COUNT(*) FROM recovery_code WHERE user_id = :userId AND used_at IS NULL")
    long countUnused(Long userId);

    @Query("DELETE FROM recovery_code WHERE user_id = :userId")
    void deleteAllOf(Long userId);
}
