-- Axon's event store on SQLite. Axon's own table factories produce no working SQLite DDL, so Flyway owns these.
-- globalIndex must be INTEGER PRIMARY KEY AUTOINCREMENT: a rowid alias that is never reused; BIGINT fails on append.
CREATE TABLE DomainEventEntry (
    globalIndex         INTEGER PRIMARY KEY AUTOINCREMENT,
    eventIdentifier     VARCHAR(255) NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    timeStamp           VARCHAR(255) NOT NULL,
    payloadType         VARCHAR(255) NOT NULL,
    payloadRevision     VARCHAR(255),
    payload             BLOB         NOT NULL,
    metaData            BLOB,
    CONSTRAINT uk_event_identifier UNIQUE (eventIdentifier),
    CONSTRAINT uk_aggregate_sequence UNIQUE (aggregateIdentifier, sequenceNumber)
);

CREATE INDEX ix_event_timestamp ON DomainEventEntry (timeStamp);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BLOB,
    payload             BLOB         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT uk_snapshot_event_identifier UNIQUE (eventIdentifier)
);

CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BLOB,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);
