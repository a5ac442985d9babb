-- The same table as on SQLite (db/migration/sqlite); only the types differ where the dialects do.
-- The board (items per lane) and the execution queue that start-execution hands items off to.
CREATE TABLE board_item (
    item_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    version           BIGINT       NOT NULL,
    created_position  BIGINT       NOT NULL,
    lane              VARCHAR(32)  NOT NULL,
    work_type         VARCHAR(32)  NOT NULL,
    state_json        TEXT         NOT NULL
);

CREATE INDEX ix_board_item_lane ON board_item (lane, work_type, created_position);

-- One row per item waiting in or running from the execution queue, in hand-off order (the handoff's log position).
CREATE TABLE execution_queue (
    item_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    queued_position  BIGINT       NOT NULL,
    queued_at        VARCHAR(40)  NOT NULL
);

CREATE UNIQUE INDEX ix_execution_queue_order ON execution_queue (queued_position);
