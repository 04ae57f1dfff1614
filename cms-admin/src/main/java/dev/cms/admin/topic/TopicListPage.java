package dev.cms.admin.topic;

import dev.cms.core.topic.TopicRow;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** The topics page: every topic with its article count and forms, and why the last change was refused, if it was. */
public record TopicListPage(List<TopicRow> topics, @Nullable String error) {
}
