package dev.cms.core.related;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An article's stored related list as one row: the related ids in order, comma-separated, of which
 * the first {@code pinned} are the editor's pins. Also the root entity of {@link RelatedRepository};
 * {@link ListWriter} writes it.
 */
@MappedEntity("related_list")
public record StoredList(@Id Long articleId, int pinned, String relatedIds) {

    /** The ids in list order. */
    public List<Long> ids() {
        if (relatedIds == null || relatedIds.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(relatedIds.split(",")).map(Long::valueOf).toList();
    }

    /** The column value for these ids. */
    static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
