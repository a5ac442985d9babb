package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.projections.support.FoldedItem;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.time.Instant;
import java.util.List;

/**
 * The item page rebuilt in bulk: each item's events folded in memory, its row written once, with the values the
 * live handler leaves behind (created at the creation event, last position and update time of the last event).
 */
public final class ItemPageRebuild implements ReadModelRebuild {

    private final ItemStateJson json;

    public ItemPageRebuild(ItemStateJson json) {
        this.json = json;
    }

    @Override
    public String processingGroup() {
        return ItemPageProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> clearStatements() {
        return ItemPageProjection.CLEAR;
    }

    @Override
    public ItemFold newItem() {
        return new ItemFold() {
            private final FoldedItem item = new FoldedItem();
            private LoggedEvent created;
            private LoggedEvent last;

            @Override
            public void apply(LoggedEvent event) {
                item.evolve(event.event(), event.sequenceNumber()).ifPresent(evolution -> {
                    if (evolution.created()) {
                        created = event;
                    }
                    last = event;
                });
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (item.state() == null) {
                    return;
                }
                Instant createdAt = created.at();
                rows.add(ItemPageProjection.INSERT, ItemPageProjection.insertArgs(item.state(), item.version(),
                        created.position(), last.position(), createdAt, last == created ? createdAt : last.at(),
                        json.write(item.state())));
            }
        };
    }
}
