package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

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
            insert(event.evolve(null), sequenceNumber, position, at);
            return;
        }
        List<Row> rows = jdbc.query("SELECT version, state_json FROM item_page WHERE item_id = ?",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2)), event.itemId());
        if (rows.isEmpty() || rows.get(0).version() >= sequenceNumber) {
            return;
        }
        ItemState state = event.evolve(json.read(rows.get(0).stateJson()));
        jdbc.update("UPDATE item_page SET lane = ?, work_type = ?, version = ?, last_position = ?, updated_at = ?,"
                        + " state_json = ? WHERE item_id = ?",
                state.lane().slug(), state.workType().slug(), sequenceNumber, position, at.toString(),
                json.write(state), state.id());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM item_page");
    }

    private void insert(ItemState state, long sequenceNumber, long position, Instant at) {
        jdbc.update("INSERT INTO item_page (item_id, item_key, lane, work_type, version, created_position,"
                        + " last_position, created_at, updated_at, state_json) VALUES (?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (item_id) DO NOTHING",
                state.id(), state.key(), state.lane().slug(), state.workType().slug(), sequenceNumber, position,
                position, at.toString(), at.toString(), json.write(state));
    }

    private record Row(long version, String stateJson) {
    }
}
