package com.buildfactory.controlplane.projections.support;

/**
 * One read model's row rule for one item: it hears every evolution the fold applies to the item, in sequence order,
 * and then writes only what changed, only the columns it serves. The same rule runs for a live batch (the item's
 * events in that batch) and for a bulk rebuild (all of the item's events), so it is written once.
 */
public interface ItemRows {

    void apply(Evolution evolution, LoggedEvent event);

    /** Adds the statements that bring this read model's rows of the item up to date; nothing when none changed. */
    void writeTo(RowBatch rows);
}
