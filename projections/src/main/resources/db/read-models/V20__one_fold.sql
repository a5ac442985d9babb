-- One fold per event (issue 10): one tracking processor (read-models) feeds every read model, and item_page holds the
-- read side's one copy of each item's state. The board reads item_page's columns, queue truth keeps only drifting
-- items (no state of its own), and history keeps its snapshots (a snapshot is the state at that event) but no copy
-- of the current state. Read models are derived from the log: the old rows are deleted, and the new processor, which
-- has no token yet (storage's V21 removes the old processors' tokens), rebuilds them all from the start of the log.
DELETE FROM item_page;
DELETE FROM execution_queue;
DELETE FROM history_snapshot;
DROP TABLE board_item;
DROP TABLE history_item;
DROP TABLE queue_truth;

CREATE TABLE queue_truth (
    item_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    drift_since     VARCHAR(40)  NOT NULL,
    drift_position  BIGINT       NOT NULL
);

CREATE INDEX ix_queue_truth_drift ON queue_truth (drift_since, drift_position);

-- The board's columns, as board_item had them indexed.
CREATE INDEX ix_item_page_board ON item_page (lane, work_type, created_position);
