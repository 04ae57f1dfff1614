package dev.cms.core.topic;

import dev.cms.core.article.Slugs;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Topics as editors type them: names are matched exactly (after trimming) and created when new. */
@Singleton
public class TopicService {

    public static final int MAX_NAME_LENGTH = 50;

    private final TopicRepository topics;
    private final Clock clock;

    public TopicService(TopicRepository topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
    }

    /** Splits "a, b，c、d" (ASCII or Chinese commas) into distinct trimmed names, keeping order. */
    public static List<String> parseNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.split("[,，、;；\\n]")) {
                String name = part.strip().replaceAll("\\s+", " ");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** Replaces the article's topics with the named ones, creating topics that do not exist yet. */
    @Transactional
    public List<Topic> setTopics(Long articleId, List<String> names) {
        topics.unlinkAll(articleId);
        List<Topic> result = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            Topic topic = findOrCreate(name);
            topics.link(articleId, topic.id());
            result.add(topic);
        }
        return result;
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Long> idOf(String name) {
        return topics.findByName(name).map(Topic::id);
    }

    @Transactional
    public List<Topic> topicsOf(Long articleId) {
        return topics.findByArticle(articleId);
    }

    private Topic findOrCreate(String name) {
        return topics.findByName(name).orElseGet(() -> topics.save(
                new Topic(null, uniqueSlug(Slugs.fromText(name, "topic")), name, clock.instant())));
    }

    private String uniqueSlug(String base) {
        String slug = base;
        for (int n = 2; topics.existsBySlug(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
