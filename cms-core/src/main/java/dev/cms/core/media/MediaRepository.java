package dev.cms.core.media;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Uploaded images. Lists are newest first and paged by keyset on the id (ids grow with time). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MediaRepository extends CrudRepository<Media, Long> {

    Optional<Media> findByPath(String path);

    @Query("SELECT * FROM media ORDER BY id DESC LIMIT :limit")
    List<Media> findNewest(int limit);

    @Query("SELECT * FROM media WHERE id < :before ORDER BY id DESC LIMIT :limit")
    List<Media> findOlderThan(long before, int limit);
}
