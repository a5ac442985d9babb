package com.buildfactory.controlplane.projections.board;

import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.ItemRows;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModel;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.util.List;

/**
 * The execution queue. start-execution hands an item off to the queue; request-changes sends it back to execution,
 * so it joins the queue again at the back; it leaves the queue when it reaches Review or Done. The board itself
 * (items per lane) reads the item page's lane, work type and creation columns: it has no table of its own.
 */
public final class BoardRows implements ReadModel {

    static final List<String> CLEAR = List.of("DELETE FROM execution_queue");

    /** Joins at the back, or again at the back: one statement for an item new or already queued. */
    static final String QUEUE = "INSERT INTO execution_queue (item_id, queued_position, queued_at) VALUES (?,?,?)"
            + " ON CONFLICT (item_id) DO UPDATE SET queued_position = excluded.queued_position,"
            + " queued_at = excluded.queued_at";

    static final String LEAVE = "DELETE FROM execution_queue WHERE item_id = ?";

    @Override
    public List<String> clearStatements() {
        return CLEAR;
    }

    @Override
    public ItemRows newItem(boolean stored) {
        return new ItemRows() {
            private QueueMove move = QueueMove.STAYS;
            private LoggedEvent joined;
            private String itemId;

            @Override
            public void apply(Evolution evolution, LoggedEvent event) {
                itemId = evolution.after().id();
                QueueMove now = QueueMove.of(event.event(), evolution);
                if (now != QueueMove.STAYS) {
                    move = now;
                    joined = now == QueueMove.JOINS ? event : null;
                }
            }

            @Override
            public void writeTo(RowBatch rows) {
                switch (move) {
                    case JOINS -> rows.add(QUEUE, itemId, joined.position(), joined.at().toString());
                    case LEAVES -> {
                        if (stored) {
                            rows.add(LEAVE, itemId);
                        }
                    }
                    case STAYS -> {
                    }
                }
            }
        };
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
}
