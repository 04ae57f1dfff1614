-- /health proves the database takes writes, not only reads, by inserting a row here and rolling it
-- back: H2 2.4.240 went on answering every query while refusing every write to a table with a
-- CHECK (x IN (...)) constraint, and the node reported UP. The constraint is of that kind on
-- purpose. Nothing is ever committed here, and without a key concurrent probes never wait for
-- each other.
CREATE TABLE write_probe (
    probe VARCHAR(8) NOT NULL,
    CONSTRAINT ck_write_probe_probe CHECK (probe IN ('health'))
);
