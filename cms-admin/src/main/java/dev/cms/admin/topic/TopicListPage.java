package dev.cms.admin.topic;

import dev.cms.core.topic.TopicRow;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The topics page: every topic with its description, article count and forms; why the last change
 * was refused, if it was, with what was typed (a new topic's name and description, or the
 * description typed for topic {@code describedId}) so nothing is lost.
 */
public record TopicListPage(List<TopicRow> topics, @Nullable String error, @Nullable String newName,
                            @Nullable String newDescription, @Nullable Long describedId,
                            @Nullable String typedDescription) {
}
