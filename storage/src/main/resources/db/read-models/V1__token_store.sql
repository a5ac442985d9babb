-- The tracking processors' tokens live in the read models' file, so that a read-model batch and its token commit in
-- one transaction on that file, without SQLite's write lock on the event log. Axon's default column names.
CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BLOB,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
