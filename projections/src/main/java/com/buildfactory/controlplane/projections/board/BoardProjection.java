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
            jdbc.update("INSERT INTO board_item (item_id, version, created_position, lane, work_type, state_json)"
                            + " VALUES (?,?,?,?,?,?)",
                    after.id(), evolution.version(), position, after.lane().slug(), after.workType().slug(),
                    rows.write(after));
            return;
        }
        jdbc.update("UPDATE board_item SET version = ?, lane = ?, work_type = ?, state_json = ? WHERE item_id = ?",
                evolution.version(), after.lane().slug(), after.workType().slug(), rows.write(after), after.id());
    }

    private void queue(WorkItemEvent event, Evolution evolution, long position, Instant at) {
        if (event instanceof ExecutionStarted || event instanceof ChangesRequested) {
            jdbc.update("DELETE FROM execution_queue WHERE item_id = ?", event.itemId());
            jdbc.update("INSERT INTO execution_queue (item_id, queued_position, queued_at) VALUES (?,?,?)",
                    event.itemId(), position, at.toString());
        } else if (evolution.laneChanged()
                && (evolution.after().lane() == Lane.REVIEW || evolution.after().lane() == Lane.DONE)) {
            jdbc.update("DELETE FROM execution_queue WHERE item_id = ?", event.itemId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM execution_queue");
        jdbc.update("DELETE FROM board_item");
    }
}
