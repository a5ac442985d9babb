package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.support.Evolution;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one row per item, evolved by the same events as the aggregate. Runs in a tracking processor whose token is
 * stored in the same transaction as the rows, and skips events at or below the row's version, so that an event is
 * applied exactly once even when a batch is retried.
 */
@ProcessingGroup(ItemPageProjection.PROCESSING_GROUP)
public class ItemPageProjection {

    public static final String PROCESSING_GROUP = "item-page";

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;

    public ItemPageProjection(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at, TrackingToken token) {
        apply(event, sequenceNumber, at, token.position().orElse(-1L));
    }

    /** Applies one event at its global position; also used to rebuild this read model outside a processor. */
    public void apply(WorkItemEvent event, long sequenceNumber, Instant at, long position) {
        if (event instanceof WorkItemCreated) {
            ItemState state = event.evolve(null);
            jdbc.update(INSERT + " ON CONFLICT (item_id) DO NOTHING",
                    insertArgs(state, sequenceNumber, position, position, at, at, json.write(state)));
            return;
        }
        List<Row> rows = jdbc.query("SELECT version, state_json FROM item_page WHERE item_id = ?",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2)), event.itemId());
        Optional<Evolution> evolution = Evolution.of(!rows.isEmpty(), rows.isEmpty() ? -1 : rows.get(0).version(),
                () -> json.read(rows.get(0).stateJson()), event, sequenceNumber);
        if (evolution.isEmpty()) {
            return;
        }
        ItemState state = evolution.get().after();
        jdbc.update("UPDATE item_page SET lane = ?, work_type = ?, version = ?, last_position = ?, updated_at = ?,"
                        + " state_json = ? WHERE item_id = ?",
                state.lane().slug(), state.workType().slug(), sequenceNumber, position, at.toString(),
                json.write(state), state.id());
    }

    @ResetHandler
    void reset() {
        CLEAR.forEach(jdbc::update);
    }

    static final List<String> CLEAR = List.of("DELETE FROM item_page");

    /** The one column list of an item row, written live at creation and once per item by a rebuild. */
    static final String INSERT = "INSERT INTO item_page (item_id, item_key, lane, work_type, version,"
            + " created_position, last_position, created_at, updated_at, state_json) VALUES (?,?,?,?,?,?,?,?,?,?)";

    static Object[] insertArgs(ItemState state, long version, long createdPosition, long lastPosition,
                               Instant createdAt, Instant updatedAt, String stateJson) {
        return new Object[]{state.id(), state.key(), state.lane().slug(), state.workType().slug(), version,
                createdPosition, lastPosition, createdAt.toString(), updatedAt.toString(), stateJson};
    }

    private record Row(long version, String stateJson) {
    }
}
