package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.EvolvingRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * Stores a history snapshot for every HistoryRecorded event: the item's state at that event and its log position.
 * A snapshot is derived from the log alone, so a replay rebuilds exactly the same snapshots; the insert is keyed by
 * (item, version), so a retried batch never stores one twice.
 */
@ProcessingGroup(HistorySnapshotProjection.PROCESSING_GROUP)
public class HistorySnapshotProjection {

    public static final String PROCESSING_GROUP = "history";

    private final JdbcTemplate jdbc;
    private final EvolvingRows rows;

    public HistorySnapshotProjection(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.rows = new EvolvingRows(jdbc, json, "history_item");
    }

    @EventHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue("actor") String actor) {
        long position = token.position().orElse(-1L);
        rows.evolve(event, sequenceNumber).ifPresent(evolution -> {
            String state = rows.write(evolution.after());
            if (evolution.created()) {
                jdbc.update(INSERT_ITEM, itemArgs(event.itemId(), sequenceNumber, state));
            } else {
                jdbc.update("UPDATE history_item SET version = ?, state_json = ? WHERE item_id = ?",
                        sequenceNumber, state, event.itemId());
            }
            if (event instanceof HistoryRecorded recorded) {
                jdbc.update(INSERT_SNAPSHOT + " ON CONFLICT (item_id, version) DO NOTHING",
                        snapshotArgs(recorded, sequenceNumber, position, at, actor, state));
            }
        });
    }

    /** The one column list of an item's state row, written live at creation and once per item by a rebuild. */
    static final String INSERT_ITEM = "INSERT INTO history_item (item_id, version, state_json) VALUES (?,?,?)";

    static Object[] itemArgs(String itemId, long version, String stateJson) {
        return new Object[]{itemId, version, stateJson};
    }

    /** The one column list of a snapshot: the state at a HistoryRecorded event, its position, time and actor. */
    static final String INSERT_SNAPSHOT = "INSERT INTO history_snapshot (item_id, version, position, recorded_at,"
            + " actor, note, state_json) VALUES (?,?,?,?,?,?,?)";

    static Object[] snapshotArgs(HistoryRecorded recorded, long version, long position, Instant at, String actor,
                                 String stateJson) {
        return new Object[]{recorded.itemId(), version, position, at.toString(), actor, recorded.note(), stateJson};
    }

    static final List<String> CLEAR = List.of("DELETE FROM history_snapshot", "DELETE FROM history_item");

    @ResetHandler
    void reset() {
        CLEAR.forEach(jdbc::update);
    }
}
