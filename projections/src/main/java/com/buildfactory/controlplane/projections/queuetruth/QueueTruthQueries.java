package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /** Every drifted item, oldest drift first. */
    public List<DriftedItem> drifted(int limit) {
        return jdbc.query("SELECT state_json, version, drift_since, drift_position FROM queue_truth"
                        + " WHERE drifted = 1 ORDER BY drift_since, drift_position LIMIT ?",
                (rs, n) -> new DriftedItem(json.read(rs.getString(1)), rs.getLong(2),
                        Instant.parse(rs.getString(3)), rs.getLong(4)), limit);
    }

    public long driftedCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM queue_truth WHERE drifted = 1", Long.class);
        return count == null ? 0 : count;
    }
}
