-- Small documents every node reads and writes alike: the backup run history ("backup-status"), so that health and
-- GET /api/admin/backups say the same on every node whichever node took the run. PostgreSQL only: SQLite keeps it
-- in a file beside the store.
CREATE TABLE control_plane_document (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    body       BYTEA        NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
