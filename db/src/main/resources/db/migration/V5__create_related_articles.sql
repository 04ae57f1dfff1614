-- The precomputed related list of each published article, read with one query by the article page.
-- Recomputed when an article is published, unpublished or its topics change.
CREATE TABLE related_article (
    article_id BIGINT           NOT NULL,
    related_id BIGINT           NOT NULL,
    position   INTEGER          NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_related_article PRIMARY KEY (article_id, related_id),
    CONSTRAINT fk_related_article_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
    CONSTRAINT fk_related_article_related FOREIGN KEY (related_id) REFERENCES article (id) ON DELETE CASCADE
);

CREATE INDEX ix_related_article_position ON related_article (article_id, position);
CREATE INDEX ix_related_article_related ON related_article (related_id);
