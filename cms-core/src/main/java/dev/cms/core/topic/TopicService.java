package dev.cms.core.topic;

import dev.cms.core.content.ArticleChanged;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.content.PageTags;
import dev.cms.core.content.Slugs;
import dev.cms.core.related.RelatedService;
import dev.cms.core.site.StorableText;
import dev.cms.core.site.Texts;
import dev.cms.core.site.UniqueInserts;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
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
    private static final int CREATE_ATTEMPTS = 50;

    private final TopicRepository topics;
    private final Clock clock;
    private final BeanProvider<RelatedService> related;
    private final ApplicationEventPublisher<ArticleChanged> events;
    private final ContentVersion contentVersion;

    private final Texts texts;
    private final UniqueInserts uniqueInserts;

    public TopicService(TopicRepository topics, Clock clock, BeanProvider<RelatedService> related,
                        ApplicationEventPublisher<ArticleChanged> events, ContentVersion contentVersion, Texts texts,
                        UniqueInserts uniqueInserts) {
        this.texts = texts;
        this.uniqueInserts = uniqueInserts;
        this.contentVersion = contentVersion;
        this.topics = topics;
        this.clock = clock;
        this.related = related;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<TopicRow> listWithCounts() {
        return topics.listWithCounts();
    }

    /** Where an old topic slug points now (after a rename or merge). */
    @Transactional(readOnly = true)
    public java.util.Optional<String> currentSlugFor(String oldSlug) {
        return Slugs.mayExist(oldSlug) ? topics.findRedirectTarget(oldSlug) : java.util.Optional.empty();
    }

    /** Renames a topic; its URL follows the new name and the old URL answers 301. */
    @Transactional
    public Topic rename(Long id, String newName) {
        Topic topic = topics.findById(id).orElseThrow(() -> new IllegalArgumentException(texts.get("topic.notFound")));
        String name = newName == null ? "" : newName.strip().replaceAll("\\s+", " ");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(texts.get("topic.name.length", MAX_NAME_LENGTH));
        }
        if (StorableText.hasNul(name)) {
            throw new IllegalArgumentException(texts.get("topic.name.nul"));
        }
        if (topics.findByName(name).filter(other -> !other.id().equals(id)).isPresent()) {
            throw new IllegalArgumentException(texts.get("topic.name.taken", name));
        }
        String base = Slugs.fromText(name, "topic");
        String slug = base.equals(topic.slug()) ? base : uniqueSlug(base);
        if (!slug.equals(topic.slug())) {
            topics.deleteRedirect(slug);
            topics.insertRedirect(topic.slug(), id, clock.instant());
        }
        Topic renamed;
        try {
            renamed = topics.update(new Topic(id, slug, name, topic.createdAt(), topic.description()));
        } catch (RuntimeException e) {
            // Another topic took the name (or its slug) since the check above.
            if (UniqueInserts.isUniqueViolation(e)) {
                throw new IllegalArgumentException(texts.get("topic.name.taken", name));
            }
            throw e;
        }
        announce(topics.articleIds(id));
        return renamed;
    }

    /** The most a topic's description holds: about two lines on its page, and what search engines show of a description. */
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /**
     * A topic made on the topics page before any article carries it (no public page until one
     * does), with an optional description; refused when the name is taken or not a topic name.
     */
    @Transactional
    public Topic create(String name, String description) {
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty() || clean.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(texts.get("topic.name.length", MAX_NAME_LENGTH));
        }
        if (StorableText.hasNul(clean)) {
            throw new IllegalArgumentException(texts.get("topic.name.nul"));
        }
        if (topics.findByName(clean).isPresent()) {
            throw new IllegalArgumentException(texts.get("topic.name.taken", clean));
        }
        String text = description(description);
        Topic created = uniqueInserts.attempt(() -> topics.save(new Topic(null, uniqueSlug(Slugs.fromText(clean, "topic")),
                        clean, clock.instant(), text)))
                .orElseThrow(() -> new IllegalArgumentException(texts.get("topic.name.taken", clean)));
        // No article carries it yet, so no public page shows it: nothing to evict.
        return created;
    }

    /** Sets what a topic's page says it is about; blank removes it. */
    @Transactional
    public Topic describe(Long id, String description) {
        Topic topic = topics.findById(id).orElseThrow(() -> new IllegalArgumentException(texts.get("topic.notFound")));
        Topic described = topics.update(new Topic(topic.id(), topic.slug(), topic.name(), topic.createdAt(),
                description(description)));
        // Only the topic's own pages show it; no article's related list or topics change.
        contentVersion.raise(Set.of(PageTags.topic(topic.slug())));
        return described;
    }

    private String description(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip().replace("\r\n", "\n");
        if (StorableText.hasNul(text)) {
            throw new IllegalArgumentException(texts.get("topic.description.nul"));
        }
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException(texts.get("topic.description.length", MAX_DESCRIPTION_LENGTH));
        }
        return text;
    }

    /** Merges one topic into another: its articles carry the target, its URL redirects there. */
    @Transactional
    public void merge(Long sourceId, Long targetId) {
        if (sourceId.equals(targetId)) {
            throw new IllegalArgumentException(texts.get("topic.merge.self"));
        }
        Topic source = topics.findById(sourceId).orElseThrow(() -> new IllegalArgumentException(texts.get("topic.notFound")));
        topics.findById(targetId).orElseThrow(() -> new IllegalArgumentException(texts.get("topic.merge.targetNotFound")));
        List<Long> affected = topics.articleIds(sourceId);
        topics.copyLinks(sourceId, targetId);
        topics.moveRedirects(sourceId, targetId);
        topics.deleteById(sourceId);
        topics.insertRedirect(source.slug(), targetId, clock.instant());
        refresh(affected);
    }

    /** Deletes a topic; its articles keep their other topics. */
    @Transactional
    public void delete(Long id) {
        List<Long> affected = topics.articleIds(id);
        topics.deleteById(id);
        refresh(affected);
    }

    /**
     * The topic's articles changed topics: their lists, and those of every article now sharing a
     * topic with them, are recomputed once each (the articles that shared only this topic are among
     * them). Not a neighbour search and recompute per article: on a topic of thousands that
     * recomputed the same lists thousands of times.
     */
    private void refresh(List<Long> articleIds) {
        related.get().refreshAroundAll(articleIds);
        announce(articleIds);
    }

    private void announce(List<Long> articleIds) {
        // Topic pages and the topic list change even when no article carries the topic.
        contentVersion.raise();
        articleIds.forEach(articleId -> events.publishEvent(new ArticleChanged(articleId)));
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

    /**
     * Replaces the article's topics with the named ones, in the order given (as the editor typed
     * them), creating topics that do not exist yet.
     */
    @Transactional
    public List<Topic> setTopics(Long articleId, List<String> names) {
        topics.unlinkAll(articleId);
        List<Topic> result = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            Topic topic = findOrCreate(name);
            topics.link(articleId, topic.id(), result.size());
            result.add(topic);
        }
        return result;
    }

    /** The topic with this id, if there is one. */
    @Transactional(readOnly = true)
    public java.util.Optional<Topic> find(Long id) {
        return topics.findById(id);
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Long> idOf(String name) {
        return topics.findByName(name).map(Topic::id);
    }

    @Transactional
    public List<Topic> topicsOf(Long articleId) {
        return topics.findByArticle(articleId);
    }

    /**
     * The topic of that name, created when new. Two articles saved at once with the same new topic
     * both find none and both insert it: the loser's insert is rolled back alone (see
     * {@link UniqueInserts}) and it takes the winner's topic, or the next free slug when only the
     * slug collided (two names with the same slug).
     */
    private Topic findOrCreate(String name) {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            java.util.Optional<Topic> existing = topics.findByName(name);
            if (existing.isPresent()) {
                return existing.get();
            }
            java.util.Optional<Topic> created = uniqueInserts.attempt(() -> topics.save(
                    new Topic(null, uniqueSlug(Slugs.fromText(name, "topic")), name, clock.instant(), null)));
            if (created.isPresent()) {
                return created.get();
            }
        }
        throw new IllegalStateException("Could not create the topic \"" + name + "\": its slug was taken "
                + CREATE_ATTEMPTS + " times in a row by topics created at the same moment");
    }

    private String uniqueSlug(String base) {
        String slug = base;
        for (int n = 2; topics.existsBySlug(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
