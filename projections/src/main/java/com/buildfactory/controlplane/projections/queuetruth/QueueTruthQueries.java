package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reads the queue-truth read model, with each drifting item's state and version from the item page. */
public class QueueTruthQueries {

    private static final String COLUMNS = "SELECT p.state_json, p.version, q.drift_since, q.drift_position"
            + " FROM queue_truth q JOIN item_page p ON p.item_id = q.item_id";
    private static final String ORDER = " ORDER BY q.drift_since, q.drift_position LIMIT ?";

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;

    public QueueTruthQueries(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Drifted items, oldest drift first, after the given one (null: from the start). */
    public List<DriftedItem> drifted(DriftedItem after, int limit) {
        if (after == null) {
            return jdbc.query(COLUMNS + ORDER, (rs, n) -> row(rs), limit);
        }
        String since = QueueTruthRows.sortable(after.driftSince());
        return jdbc.query(COLUMNS + " WHERE q.drift_since > ? OR (q.drift_since = ? AND q.drift_position > ?)"
                + ORDER, (rs, n) -> row(rs), since, since, after.driftPosition(), limit);
    }

    private DriftedItem row(ResultSet rs) throws SQLException {
        return new DriftedItem(json.read(rs.getString(1)), rs.getLong(2), Instant.parse(rs.getString(3)),
                rs.getLong(4));
    }

    public long driftedCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM queue_truth", Long.class);
        return count == null ? 0 : count;
    }
}
