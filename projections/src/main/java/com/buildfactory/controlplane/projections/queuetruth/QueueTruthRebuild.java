package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.FoldedItem;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.util.List;

/** Queue truth rebuilt in bulk: each item's drift folded with the live handler's {@code DriftChange}, written once. */
public final class QueueTruthRebuild implements ReadModelRebuild {

    private final ItemStateJson json;

    public QueueTruthRebuild(ItemStateJson json) {
        this.json = json;
    }

    @Override
    public String processingGroup() {
        return QueueTruthProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> clearStatements() {
        return QueueTruthProjection.CLEAR;
    }

    @Override
    public ItemFold newItem() {
        return new ItemFold() {
            private final FoldedItem item = new FoldedItem();
            private long lastPosition;
            private boolean drifted;
            private String driftSince;
            private Long driftPosition;

            @Override
            public void apply(LoggedEvent event) {
                item.evolve(event.event(), event.sequenceNumber()).ifPresent(evolution -> {
                    QueueTruthProjection.DriftChange drift = QueueTruthProjection.DriftChange.of(evolution,
                            event.event(), event.position(), event::at);
                    lastPosition = event.position();
                    switch (drift.kind()) {
                        case BEGINS -> {
                            drifted = true;
                            driftSince = drift.since();
                            driftPosition = drift.position();
                        }
                        case ENDS -> {
                            drifted = false;
                            driftSince = null;
                            driftPosition = null;
                        }
                        case UNCHANGED -> {
                        }
                    }
                });
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (item.state() == null) {
                    return;
                }
                rows.add(QueueTruthProjection.INSERT, QueueTruthProjection.insertArgs(item.state().id(),
                        item.version(), lastPosition, drifted, driftSince, driftPosition, json.write(item.state())));
            }
        };
    }
}
