-- Leadership terms of jobs that one process at a time runs (the live indexer): each process that
-- takes a job's advisory lock increments its term, and each transaction written as the leader
-- checks its term here in the same transaction (space.atbb.db.internal.PostgresLeaderLock).
-- No rows until a first leader: a copy target stays empty.
CREATE TABLE indexer_leader (
    name   text        PRIMARY KEY,
    term   bigint      NOT NULL,
    holder text        NOT NULL,
    since  timestamptz NOT NULL
);
