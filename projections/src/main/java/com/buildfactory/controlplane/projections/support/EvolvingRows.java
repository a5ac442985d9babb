package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/**
 * Each read model keeps its own copy of every item's state in its own table (columns item_id, version,
 * state_json), so that it can be replayed on its own. An event at or below the row's version was applied already
 * (a retried batch) and is skipped: every event is applied exactly once.
 */
public final class EvolvingRows {

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;
    private final String table;

    public EvolvingRows(JdbcTemplate jdbc, ItemStateJson json, String table) {
        this.jdbc = jdbc;
        this.json = json;
        this.table = table;
    }

    /** The evolution this event causes, or empty when it was applied already or its item is unknown here. */
    public Optional<Evolution> evolve(WorkItemEvent event, long sequenceNumber) {
        if (event instanceof WorkItemCreated) {
            boolean exists = !jdbc.queryForList("SELECT 1 FROM " + table + " WHERE item_id = ?", Integer.class,
                    event.itemId()).isEmpty();
            return Evolution.of(exists, -1, () -> null, event, sequenceNumber);
        }
        List<Row> rows = jdbc.query("SELECT version, state_json FROM " + table + " WHERE item_id = ?",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2)), event.itemId());
        return Evolution.of(!rows.isEmpty(), rows.isEmpty() ? -1 : rows.get(0).version(),
                () -> json.read(rows.get(0).stateJson()), event, sequenceNumber);
    }

    public String write(ItemState state) {
        return json.write(state);
    }

    public ItemState read(String stateJson) {
        return json.read(stateJson);
    }

    private record Row(long version, String stateJson) {
    }
}
