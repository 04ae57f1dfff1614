-- One number for the whole public site, raised in the same transaction as every change that can
-- alter a public page. Every node's page cache compares it with the version its pages were
-- rendered at, so a change made on any node reaches every node's cache.
CREATE TABLE content_version (
    id      INTEGER NOT NULL,
    version BIGINT  NOT NULL,
    CONSTRAINT pk_content_version PRIMARY KEY (id),
    CONSTRAINT ck_content_version_single_row CHECK (id = 1)
);

INSERT INTO content_version (id, version) VALUES (1, 0);
