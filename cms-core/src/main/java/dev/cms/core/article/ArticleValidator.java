package dev.cms.core.article;

import dev.cms.core.content.Slugs;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaRepository;
import dev.cms.core.site.StorableText;
import dev.cms.core.site.Texts;
import dev.cms.core.topic.TopicService;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an article may hold: the limits every way in checks (the editor's form here; imports read
 * the same constants), and the messages an editor gets for an edit outside them.
 */
@Singleton
public class ArticleValidator {

    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 1000;
    public static final int MAX_BODY = 500_000;
    public static final int MAX_TOPICS = 20;
    /**
     * Publish times are accepted from 1970 to 9999 (UTC): earlier ones are typing mistakes (and
     * before 1901 the site's zone has no standard offset: Shanghai's local mean time is +08:05:43),
     * later ones do not fit the databases (H2 wraps year 999,999,999 around to a year before Christ).
     */
    public static final Instant EARLIEST_PUBLISH_TIME = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST_PUBLISH_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final ArticleRepository articles;
    private final MediaRepository media;
    private final Texts texts;

    public ArticleValidator(ArticleRepository articles, MediaRepository media, Texts texts) {
        this.articles = articles;
        this.media = media;
        this.texts = texts;
    }

    /**
     * The featured image an edit chose: an upload of the media library that is an image; empty for
     * none, or for an id that is neither ({@link #check} refuses that edit).
     */
    Optional<Media> featuredImage(ArticleEdit edit) {
        return edit.featuredImageId() == null ? Optional.empty()
                : media.findById(edit.featuredImageId()).filter(m -> m.contentType().startsWith("image/"));
    }

    /**
     * Refuses an edit that breaks a rule, with a message per field ({@link InvalidArticleException},
     * shown with the form kept). {@code current} is the stored article (null for a new one);
     * {@code publishTime} is the edit's typed publish time as an instant (null when none was typed).
     */
    void check(ArticleEdit edit, @Nullable Article current, @Nullable Instant publishTime) {
        Map<String, String> errors = errors(edit, current, publishTime);
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
    }

    private Map<String, String> errors(ArticleEdit edit, Article current, Instant publishTime) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(edit.title())) {
            errors.put("title", texts.get("article.title.empty"));
        } else if (edit.title().strip().length() > MAX_TITLE) {
            errors.put("title", texts.get("article.title.tooLong", MAX_TITLE));
        }
        if (!blank(edit.slug())) {
            String slug = edit.slug().strip();
            if (!Slugs.isValid(slug)) {
                errors.put("slug", texts.get("article.slug.invalid", Slugs.MAX_LENGTH));
            } else if ((current == null || !current.slug().equals(slug)) && articles.existsBySlug(slug)) {
                errors.put("slug", texts.get("article.slug.taken", slug));
            }
        }
        if (edit.summary() != null && edit.summary().strip().length() > MAX_SUMMARY) {
            errors.put("summary", texts.get("article.summary.tooLong", MAX_SUMMARY));
        }
        if (edit.bodyMarkdown() == null || edit.bodyMarkdown().length() > MAX_BODY) {
            errors.put("body", texts.get("article.body.tooLong", MAX_BODY));
        }
        if (edit.topicNames().size() > MAX_TOPICS) {
            errors.put("topics", texts.get("article.topics.tooMany", MAX_TOPICS));
        } else if (edit.topicNames().stream().anyMatch(n -> n.length() > TopicService.MAX_NAME_LENGTH)) {
            errors.put("topics", texts.get("article.topics.nameTooLong", TopicService.MAX_NAME_LENGTH));
        }
        if (edit.featuredImageId() != null && featuredImage(edit).isEmpty()) {
            errors.put("featuredImage", texts.get("article.featuredImage.invalid", edit.featuredImageId()));
        }
        if (publishTime != null && (publishTime.isBefore(EARLIEST_PUBLISH_TIME) || publishTime.isAfter(LATEST_PUBLISH_TIME))) {
            errors.put("publishTime", texts.get("article.publishTime.range"));
        }
        // A NUL cannot be stored (PostgreSQL refuses it): the first thing to fix in a field that has one.
        nul(errors, "title", edit.title());
        nul(errors, "slug", edit.slug());
        nul(errors, "summary", edit.summary());
        nul(errors, "body", edit.bodyMarkdown());
        edit.topicNames().forEach(name -> nul(errors, "topics", name));
        return errors;
    }

    private void nul(Map<String, String> errors, String field, String value) {
        if (StorableText.hasNul(value)) {
            errors.put(field, texts.get("article.nul"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
