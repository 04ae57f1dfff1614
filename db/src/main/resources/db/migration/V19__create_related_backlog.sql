-- Related lists waiting to be recomputed. A bulk change (an import of thousands of articles)
-- commits its content first and lists here the articles whose 相关内容 lists it reaches; the lists
-- are then recomputed in small transactions, so an interrupted run resumes where it stopped.
CREATE TABLE related_backlog (
    article_id BIGINT NOT NULL,
    CONSTRAINT pk_related_backlog PRIMARY KEY (article_id),
    CONSTRAINT fk_related_backlog_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);

-- Who works through the backlog: one process at a time (a command or one of the nodes), for as
-- long as it keeps renewing the lease; a process that died loses it when it expires.
CREATE TABLE related_backlog_lease (
    id         INTEGER NOT NULL,
    holder     VARCHAR(200),
    expires_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_related_backlog_lease PRIMARY KEY (id),
    CONSTRAINT ck_related_backlog_lease_one_row CHECK (id = 1)
);

INSERT INTO related_backlog_lease (id) VALUES (1);
