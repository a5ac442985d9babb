package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads history snapshots, oldest first. */
public class HistorySnapshotQueries {

    private static final String COLUMNS = "SELECT item_id, version, position, recorded_at, actor, note, state_json"
            + " FROM history_snapshot";

    private final JdbcTemplate jdbc;
    private final RowMapper<HistorySnapshot> mapper;

    public HistorySnapshotQueries(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.mapper = (rs, n) -> new HistorySnapshot(rs.getString(1), rs.getLong(2), rs.getLong(3),
                Instant.parse(rs.getString(4)), rs.getString(5), rs.getString(6), json.read(rs.getString(7)));
    }

    public List<HistorySnapshot> list(String itemId) {
        return jdbc.query(COLUMNS + " WHERE item_id = ? ORDER BY version", mapper, itemId);
    }

    public Optional<HistorySnapshot> find(String itemId, long version) {
        return jdbc.query(COLUMNS + " WHERE item_id = ? AND version = ?", mapper, itemId, version).stream()
                .findFirst();
    }
}
