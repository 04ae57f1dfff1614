-- The first-start setup page creates the first admin once. Its transaction adds this table's one
-- row before the admin, so of setups submitted at the same moment (on one node or many) exactly one
-- commits; the others are refused by the primary key, not left to a count each read before any
-- had committed. A site that already has users has had its setup.
CREATE TABLE site_setup (
    id      INTEGER NOT NULL,
    done_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_site_setup PRIMARY KEY (id),
    CONSTRAINT ck_site_setup_one_row CHECK (id = 1)
);

INSERT INTO site_setup (id, done_at) SELECT 1, MIN(created_at) FROM app_user HAVING COUNT(*) > 0;
