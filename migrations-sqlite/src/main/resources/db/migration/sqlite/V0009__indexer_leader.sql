-- The same table as PostgreSQL's step 0020, so that copies between the dialects find the same
-- tables; a SQLite file has one process, which always leads, and never writes it.
CREATE TABLE indexer_leader (
    name   TEXT      NOT NULL PRIMARY KEY,
    term   INTEGER   NOT NULL,
    holder TEXT      NOT NULL,
    since  TIMESTAMP NOT NULL
);
