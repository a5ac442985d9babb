package com.buildfactory.controlplane.projections.board;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.EvolvingRows;
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
 * The board and the execution queue. start-execution hands an item off to the queue; request-changes sends it back
 * to execution, so it joins the queue again at the back; it leaves the queue when it reaches Review or Done.
 */
@ProcessingGroup(BoardProjection.PROCESSING_GROUP)
public class BoardProjection {

    public static final String PROCESSING_GROUP = "board";

    private final JdbcTemplate jdbc;
    private final EvolvingRows rows;

    public BoardProjection(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.rows = new EvolvingRows(jdbc, json, "board_item");
    }

    @EventHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at, TrackingToken token) {
        long position = token.position().orElse(-1L);
        rows.evolve(event, sequenceNumber).ifPresent(evolution -> {
            store(evolution, position);
            queue(event, evolution, position, at);
        });
    }

    private void store(Evolution evolution, long position) {
        ItemState after = evolution.after();
        if (evolution.created()) {
            jdbc.update(INSERT_ITEM, itemArgs(after, evolution.version(), position, rows.write(after)));
            return;
        }
        jdbc.update("UPDATE board_item SET version = ?, lane = ?, work_type = ?, state_json = ? WHERE item_id = ?",
                evolution.version(), after.lane().slug(), after.workType().slug(), rows.write(after), after.id());
    }

    private void queue(WorkItemEvent event, Evolution evolution, long position, Instant at) {
        switch (QueueMove.of(event, evolution)) {
            case JOINS -> {
                jdbc.update("DELETE FROM execution_queue WHERE item_id = ?", event.itemId());
                jdbc.update(INSERT_QUEUED, queuedArgs(event.itemId(), position, at));
            }
            case LEAVES -> jdbc.update("DELETE FROM execution_queue WHERE item_id = ?", event.itemId());
            case STAYS -> {
            }
        }
    }

    /** What an evolution does to the item's place in the execution queue. */
    enum QueueMove {
        JOINS, LEAVES, STAYS;

        static QueueMove of(WorkItemEvent event, Evolution evolution) {
            if (event instanceof ExecutionStarted || event instanceof ChangesRequested) {
                return JOINS;
            }
            if (evolution.laneChanged()
                    && (evolution.after().lane() == Lane.REVIEW || evolution.after().lane() == Lane.DONE)) {
                return LEAVES;
            }
            return STAYS;
        }
    }

    /** The one column list of a board row, written live at creation and once per item by a rebuild. */
    static final String INSERT_ITEM = "INSERT INTO board_item (item_id, version, created_position, lane, work_type,"
            + " state_json) VALUES (?,?,?,?,?,?)";

    static Object[] itemArgs(ItemState state, long version, long createdPosition, String stateJson) {
        return new Object[]{state.id(), version, createdPosition, state.lane().slug(), state.workType().slug(),
                stateJson};
    }

    /** The one column list of a queue entry. */
    static final String INSERT_QUEUED = "INSERT INTO execution_queue (item_id, queued_position, queued_at)"
            + " VALUES (?,?,?)";

    static Object[] queuedArgs(String itemId, long queuedPosition, Instant queuedAt) {
        return new Object[]{itemId, queuedPosition, queuedAt.toString()};
    }

    static final List<String> CLEAR = List.of("DELETE FROM execution_queue", "DELETE FROM board_item");

    @ResetHandler
    void reset() {
        CLEAR.forEach(jdbc::update);
    }
}
