-- Pending changes: an edit saved over a published article waits here, one per article, while the
-- live row keeps what readers see until 更新 makes it live (or 放弃修改 drops it). It holds the
-- edit as typed (slug and summary blank for "keep" / "from the body", topics one name a line), the
-- featured image by media path like article.featured_image_path, the article version it was made
-- from, who saved it and when, and whether an author submitted it for review. No CHECK constraint:
-- H2 2.4.240 broke them before.
CREATE TABLE article_pending (
    article_id          BIGINT        NOT NULL PRIMARY KEY,
    title               VARCHAR(200)  NOT NULL,
    slug                VARCHAR(200),
    summary             VARCHAR(1000),
    body_markdown       TEXT          NOT NULL,
    topics              VARCHAR(4000) NOT NULL DEFAULT '',
    featured_image_path VARCHAR(64),
    based_on_version    BIGINT        NOT NULL,
    submitted           BOOLEAN       NOT NULL DEFAULT FALSE,
    saved_by            VARCHAR(100)  NOT NULL,
    saved_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_article_pending_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);
