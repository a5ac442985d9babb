-- The same table as on SQLite (db/migration/sqlite); only the types differ where the dialects do.
-- Queue truth: every item's state as the queue-truth processor evolved it, whether it drifts and since when.
CREATE TABLE queue_truth (
    item_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    version         BIGINT       NOT NULL,
    last_position   BIGINT       NOT NULL,
    drifted         INTEGER      NOT NULL,
    drift_since     VARCHAR(40),
    drift_position  BIGINT,
    state_json      TEXT         NOT NULL
);

CREATE INDEX ix_queue_truth_drift ON queue_truth (drifted, drift_since, drift_position);
