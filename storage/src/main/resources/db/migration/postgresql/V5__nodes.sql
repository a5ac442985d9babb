-- The nodes that share this database, each refreshing its row while it runs: how many are live decides each node's
-- fair share of every event processor's segments (FairShareOfSegments). PostgreSQL only: SQLite has one node.
CREATE TABLE control_plane_node (
    node_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    last_seen TIMESTAMPTZ  NOT NULL
);
