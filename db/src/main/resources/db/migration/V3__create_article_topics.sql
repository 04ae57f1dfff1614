-- Which topics an article carries. Deleting either side removes the link only.
CREATE TABLE article_topic (
    article_id BIGINT NOT NULL,
    topic_id   BIGINT NOT NULL,
    CONSTRAINT pk_article_topic PRIMARY KEY (article_id, topic_id),
    CONSTRAINT fk_article_topic_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
    CONSTRAINT fk_article_topic_topic FOREIGN KEY (topic_id) REFERENCES topic (id) ON DELETE CASCADE
);

-- Reverse lookup: the articles of a topic.
CREATE INDEX ix_article_topic_topic ON article_topic (topic_id, article_id);
