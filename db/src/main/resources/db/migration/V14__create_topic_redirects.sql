-- Old topic URLs: a renamed or merged topic leaves its old slug here, answered with a 301.
CREATE TABLE topic_redirect (
    old_slug   VARCHAR(200) NOT NULL,
    topic_id   BIGINT       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_topic_redirect PRIMARY KEY (old_slug),
    CONSTRAINT fk_topic_redirect_topic FOREIGN KEY (topic_id) REFERENCES topic (id) ON DELETE CASCADE
);
