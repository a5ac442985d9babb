package com.buildfactory.controlplane.projections.support;

import java.util.List;

/**
 * One read model as the fold sees it: how its tables are cleared, and a fresh row writer per item. It keeps no
 * copy of the item's state and no version of its own: the fold ({@link ItemFold}) evolves each event once and
 * hands the evolution to every read model's {@link ItemRows}, live for one batch and in bulk for a whole log alike.
 */
public interface ReadModel {

    /** Deletes every row of this read model (a replay from the start of the log). */
    List<String> clearStatements();

    /**
     * The row writer of one item. {@code stored}: the item already has rows from an earlier batch (a live batch
     * that met an item it holds); false for an item created in this fold, and for every item of a bulk rebuild.
     */
    ItemRows newItem(boolean stored);
}
