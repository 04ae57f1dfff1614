package dev.cms.core.testing;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminRow;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleFilter;
import dev.cms.core.article.ArticleStatus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Articles for tests, written by name rather than by position:
 * {@code Articles.edit("标题").body("正文").topics("安全").publishTime("2024-05-28T02:54:57").build()}
 * instead of an {@link ArticleEdit} of seven arguments, most of them null. What a test leaves out
 * is what an editor leaves empty: no slug or summary (both made from the text), no topics, no
 * publish time (now, or a draft), a new article (no version).
 */
public final class Articles {

    /** The body of an article whose body does not matter to the test. */
    public static final String BODY = "正文";

    private Articles() {
    }

    /** A new article titled {@code title}, with the body {@value #BODY} and nothing else. */
    public static Edit edit(String title) {
        return new Edit(title);
    }

    /**
     * The stored article as an editor's form shows it (title, slug, summary and body), saved on
     * top of its current version; topics and publish time are the edit's to give.
     */
    public static Edit editOf(Article article) {
        return new Edit(article.title()).slug(article.slug()).summary(article.summary()).body(article.bodyMarkdown())
                .basedOn(article.version());
    }

    /** The admin list with no filter, from its first page. */
    public static Filter filter() {
        return new Filter();
    }

    /** An {@link ArticleEdit} being written. */
    public static final class Edit {

        private String title;
        private String slug;
        private String summary;
        private String body = BODY;
        private List<String> topics = List.of();
        private LocalDateTime publishTime;
        private Long featuredImageId;
        private Long version;

        private Edit(String title) {
            this.title = title;
        }

        public Edit title(String title) {
            this.title = title;
            return this;
        }

        public Edit slug(String slug) {
            this.slug = slug;
            return this;
        }

        public Edit summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Edit body(String markdown) {
            this.body = markdown;
            return this;
        }

        public Edit topics(String... names) {
            return topics(List.of(names));
        }

        public Edit topics(List<String> names) {
            this.topics = List.copyOf(names);
            return this;
        }

        /** When it is (to be) published, in the site's time zone. */
        public Edit publishTime(LocalDateTime time) {
            this.publishTime = time;
            return this;
        }

        /** When it is (to be) published, in the site's time zone: {@code 2024-05-28T02:54:57}. */
        public Edit publishTime(String isoLocalDateTime) {
            return publishTime(LocalDateTime.parse(isoLocalDateTime));
        }

        /** The media id of the featured image chosen (null: none). */
        public Edit featuredImage(Long mediaId) {
            this.featuredImageId = mediaId;
            return this;
        }

        /** The version of the stored article this edit was made on (null for a new article). */
        public Edit basedOn(Long version) {
            this.version = version;
            return this;
        }

        public ArticleEdit build() {
            return new ArticleEdit(title, slug, summary, body, topics, publishTime, featuredImageId, version);
        }
    }

    /** An {@link ArticleFilter} being written. */
    public static final class Filter {

        private ArticleStatus status;
        private Long topicId;
        private Long authorId;
        private String titleContains;
        private boolean byPublishTime;
        private Instant afterTime;
        private Long afterId;

        private Filter() {
        }

        public Filter status(ArticleStatus status) {
            this.status = status;
            return this;
        }

        public Filter topic(Long topicId) {
            this.topicId = topicId;
            return this;
        }

        public Filter author(Long authorId) {
            this.authorId = authorId;
            return this;
        }

        public Filter titleContains(String text) {
            this.titleContains = text;
            return this;
        }

        /** Newest publish time first, rather than newest change. */
        public Filter byPublishTime() {
            this.byPublishTime = true;
            return this;
        }

        /** The page after this row of the previous one. */
        public Filter after(ArticleAdminRow last) {
            this.afterTime = last.sortTime();
            this.afterId = last.id();
            return this;
        }

        public ArticleFilter build() {
            return new ArticleFilter(status, topicId, authorId, titleContains, byPublishTime, afterTime, afterId);
        }
    }
}
