-- The same table as on SQLite (db/migration/sqlite); only the types differ where the dialects do.
-- The item read model: one row per item, the evolved item state as JSON plus the columns that lists filter on.
CREATE TABLE item_page (
    item_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    item_key          VARCHAR(64)  NOT NULL,
    lane              VARCHAR(32)  NOT NULL,
    work_type         VARCHAR(32)  NOT NULL,
    version           BIGINT       NOT NULL,
    created_position  BIGINT       NOT NULL,
    last_position     BIGINT       NOT NULL,
    created_at        VARCHAR(40)  NOT NULL,
    updated_at        VARCHAR(40)  NOT NULL,
    state_json        TEXT         NOT NULL
);

CREATE UNIQUE INDEX ix_item_page_created ON item_page (created_position);
CREATE INDEX ix_item_page_lane ON item_page (lane, created_position);
CREATE INDEX ix_item_page_work_type ON item_page (work_type, created_position);
