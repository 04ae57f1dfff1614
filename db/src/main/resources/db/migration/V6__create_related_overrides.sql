-- Editors' corrections to a computed related list: PIN puts an article at the top (in pin
-- position order), EXCLUDE keeps one out. Kept apart from the computed list, which is rebuilt.
CREATE TABLE related_override (
    article_id BIGINT      NOT NULL,
    related_id BIGINT      NOT NULL,
    kind       VARCHAR(8)  NOT NULL,
    position   INTEGER     NOT NULL DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_related_override PRIMARY KEY (article_id, related_id),
    CONSTRAINT ck_related_override_kind CHECK (kind IN ('PIN', 'EXCLUDE')),
    CONSTRAINT fk_related_override_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
    CONSTRAINT fk_related_override_related FOREIGN KEY (related_id) REFERENCES article (id) ON DELETE CASCADE
);
