-- What each content change showed differently, so every node's page cache evicts only the pages
-- that show it instead of all of them. One row per committed change; the id is the content
-- version the change raised to (content_version's row lock, held for the moment of the commit,
-- makes ids commit in order), so a node reads the rows after the last version it saw and knows
-- from a missing id that it must drop everything. Tags are newline-separated ("article:<slug>",
-- "topic:<slug>", "month:2024-05", "home", "feed", "sitemap", "lists", "*" for everything).
-- Writers delete the rows that fall out of the window they keep.
CREATE TABLE content_change (
    id         BIGINT                   NOT NULL,
    tags       CHARACTER VARYING        NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_content_change PRIMARY KEY (id)
);

-- The pages each article was last shown on (its own, and if public the lists, its topics and its
-- month), written with every change to it: the next change evicts these as well as the new ones,
-- so an article that leaves a topic or moves to another month leaves no stale list behind.
-- An article without a row (changed before this table existed) evicts every list page once.
CREATE TABLE content_footprint (
    article_id BIGINT            NOT NULL,
    tags       CHARACTER VARYING NOT NULL,
    CONSTRAINT pk_content_footprint PRIMARY KEY (article_id),
    CONSTRAINT fk_content_footprint_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);
