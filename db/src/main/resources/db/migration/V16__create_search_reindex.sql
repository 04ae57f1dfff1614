-- An operator's "rebuild the search index" for every node: each node keeps its own index and
-- rebuilds it when this generation is newer than the one its index was last rebuilt for.
CREATE TABLE search_reindex (
    id           INTEGER     NOT NULL,
    generation   BIGINT      NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE,
    requested_by VARCHAR(64),
    CONSTRAINT pk_search_reindex PRIMARY KEY (id),
    CONSTRAINT ck_search_reindex_one_row CHECK (id = 1)
);

INSERT INTO search_reindex (id, generation) VALUES (1, 0);
