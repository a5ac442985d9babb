package com.buildfactory.controlplane.projections.support;

/**
 * One item's rows of one read model, folded in memory from the item's events in sequence order and written once.
 * The counterpart of a live handler that reads, evolves and writes its row for every event; both use the same
 * rules and the same INSERT column lists, owned by the projection.
 */
public interface ItemFold {

    void apply(LoggedEvent event);

    /** Adds the item's rows; nothing when the item never reached this read model. */
    void writeTo(RowBatch rows);
}
