-- A stored 相关内容 list becomes one row per article (the related ids in order, pins first) instead
-- of one row per entry: about 100 entries an article made a 100,000-article site ten million rows,
-- each with its primary key, two indexes and two foreign keys to maintain, which H2 wrote at a few
-- hundred lists a second into a file of many gigabytes. A page reads the row and its articles by
-- primary key; an article that leaves the site is skipped when the list is read.
CREATE TABLE related_list (
    article_id  BIGINT            NOT NULL,
    pinned      INTEGER           NOT NULL,
    related_ids CHARACTER VARYING NOT NULL,
    CONSTRAINT pk_related_list PRIMARY KEY (article_id),
    CONSTRAINT fk_related_list_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);

-- Lists that pin an article, for when it leaves the site (the old table's related_id index did this).
CREATE INDEX ix_related_override_related ON related_override (related_id);

-- The lists are derived data: rather than converting rows, every published article's list waits
-- in the backlog and the first node to run (or the 'related' command) recomputes it.
INSERT INTO related_backlog (article_id) SELECT id FROM article WHERE status = 'PUBLISHED';

-- related_article stays, unused by this build: nodes of the previous build, still serving during a
-- rolling upgrade, read and write it. A later migration drops it, once no such node can be running.
