-- Old article URLs: when a slug changes, the old one is kept here and answered with a 301 to the
-- article's current URL.
CREATE TABLE slug_redirect (
    old_slug   VARCHAR(200) NOT NULL,
    article_id BIGINT       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slug_redirect PRIMARY KEY (old_slug),
    CONSTRAINT fk_slug_redirect_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);

CREATE INDEX ix_slug_redirect_article ON slug_redirect (article_id);
