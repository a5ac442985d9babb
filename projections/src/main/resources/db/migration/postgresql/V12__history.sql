-- The same table as on SQLite (db/migration/sqlite); only the types differ where the dialects do.
-- History snapshots captured by record-history: the item's state at the HistoryRecorded event and its position.
CREATE TABLE history_item (
    item_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    version     BIGINT       NOT NULL,
    state_json  TEXT         NOT NULL
);

CREATE TABLE history_snapshot (
    item_id          VARCHAR(64)   NOT NULL,
    version          BIGINT        NOT NULL,
    position         BIGINT        NOT NULL,
    recorded_at      VARCHAR(40)   NOT NULL,
    actor            VARCHAR(128),
    note             VARCHAR(2000),
    state_json       TEXT          NOT NULL,
    PRIMARY KEY (item_id, version)
);
