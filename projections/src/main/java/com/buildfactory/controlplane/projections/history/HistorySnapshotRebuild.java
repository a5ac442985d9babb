package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.FoldedItem;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * History snapshots rebuilt in bulk: each item's state row folded in memory and written once; a snapshot's row is
 * made when its HistoryRecorded event is folded (the state at that event), so only snapshots are held, not states.
 */
public final class HistorySnapshotRebuild implements ReadModelRebuild {

    private final ItemStateJson json;

    public HistorySnapshotRebuild(ItemStateJson json) {
        this.json = json;
    }

    @Override
    public String processingGroup() {
        return HistorySnapshotProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> clearStatements() {
        return HistorySnapshotProjection.CLEAR;
    }

    @Override
    public ItemFold newItem() {
        return new ItemFold() {
            private final FoldedItem item = new FoldedItem();
            private final List<Object[]> snapshots = new ArrayList<>();

            @Override
            public void apply(LoggedEvent event) {
                item.evolve(event.event(), event.sequenceNumber()).ifPresent(evolution -> {
                    if (event.event() instanceof HistoryRecorded recorded) {
                        snapshots.add(HistorySnapshotProjection.snapshotArgs(recorded, evolution.version(),
                                event.position(), event.at(), event.actor(), json.write(evolution.after())));
                    }
                });
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (item.state() == null) {
                    return;
                }
                rows.add(HistorySnapshotProjection.INSERT_ITEM, HistorySnapshotProjection.itemArgs(
                        item.state().id(), item.version(), json.write(item.state())));
                snapshots.forEach(args -> rows.add(HistorySnapshotProjection.INSERT_SNAPSHOT, args));
            }
        };
    }
}
