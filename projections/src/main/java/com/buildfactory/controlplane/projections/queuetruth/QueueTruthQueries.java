package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reads the queue-truth read model. */
public class QueueTruthQueries {

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;

    public QueueTruthQueries(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Drifted items, oldest drift first, after the given one (null: from the start). */
    public List<DriftedItem> drifted(DriftedItem after, int limit) {
        String columns = "SELECT state_json, version, drift_since, drift_position FROM queue_truth WHERE drifted = 1";
        String order = " ORDER BY drift_since, drift_position LIMIT ?";
        if (after == null) {
            return jdbc.query(columns + order, (rs, n) -> row(rs), limit);
        }
        String since = QueueTruthProjection.sortable(after.driftSince());
        return jdbc.query(columns + " AND (drift_since > ? OR (drift_since = ? AND drift_position > ?))" + order,
                (rs, n) -> row(rs), since, since, after.driftPosition(), limit);
    }

    private DriftedItem row(ResultSet rs) throws SQLException {
        return new DriftedItem(json.read(rs.getString(1)), rs.getLong(2), Instant.parse(rs.getString(3)),
                rs.getLong(4));
    }

    public long driftedCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM queue_truth WHERE drifted = 1", Long.class);
        return count == null ? 0 : count;
    }
}
