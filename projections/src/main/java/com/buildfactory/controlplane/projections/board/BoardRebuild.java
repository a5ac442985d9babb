package com.buildfactory.controlplane.projections.board;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.FoldedItem;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.util.List;

/** The board and execution queue rebuilt in bulk: each item's row and queue entry folded in memory, written once. */
public final class BoardRebuild implements ReadModelRebuild {

    private final ItemStateJson json;

    public BoardRebuild(ItemStateJson json) {
        this.json = json;
    }

    @Override
    public String processingGroup() {
        return BoardProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> clearStatements() {
        return BoardProjection.CLEAR;
    }

    @Override
    public ItemFold newItem() {
        return new ItemFold() {
            private final FoldedItem item = new FoldedItem();
            private long createdPosition;
            private LoggedEvent queued;

            @Override
            public void apply(LoggedEvent event) {
                item.evolve(event.event(), event.sequenceNumber()).ifPresent(evolution -> {
                    if (evolution.created()) {
                        createdPosition = event.position();
                    }
                    switch (BoardProjection.QueueMove.of(event.event(), evolution)) {
                        case JOINS -> queued = event;
                        case LEAVES -> queued = null;
                        case STAYS -> {
                        }
                    }
                });
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (item.state() == null) {
                    return;
                }
                rows.add(BoardProjection.INSERT_ITEM, BoardProjection.itemArgs(item.state(), item.version(),
                        createdPosition, json.write(item.state())));
                if (queued != null) {
                    rows.add(BoardProjection.INSERT_QUEUED, BoardProjection.queuedArgs(item.state().id(),
                            queued.position(), queued.at()));
                }
            }
        };
    }
}
