package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.List;
import java.util.function.Supplier;

/**
 * One item's state folded once per event, the evolutions handed to every read model's {@link ItemRows}. It starts
 * from the state stored for the item (read once per batch) or from nothing, and applies the one skip rule of the
 * read side ({@link Evolution#of}): an event at or below the version already applied is skipped, so an event is
 * applied exactly once even when a batch is delivered again.
 */
public final class ItemFold {

    private final List<ItemRows> rows;
    private Supplier<ItemState> stored;
    private ItemState state;
    private boolean known;
    private long version;

    private ItemFold(boolean known, long version, Supplier<ItemState> stored, List<ItemRows> rows) {
        this.known = known;
        this.version = version;
        this.stored = stored;
        this.rows = rows;
    }

    /** An item no read model holds yet: every item of a bulk rebuild, and an item first seen by a live batch. */
    public static ItemFold fresh(List<ReadModel> readModels) {
        return new ItemFold(false, -1, null, readModels.stream().map(m -> m.newItem(false)).toList());
    }

    /** An item the read models hold at {@code version}; its state is read only if an event needs it. */
    public static ItemFold stored(long version, Supplier<ItemState> state, List<ReadModel> readModels) {
        return new ItemFold(true, version, state, readModels.stream().map(m -> m.newItem(true)).toList());
    }

    public void apply(LoggedEvent event) {
        Evolution.of(known, version, this::current, event.event(), event.sequenceNumber()).ifPresent(evolution -> {
            state = evolution.after();
            stored = null;
            known = true;
            version = evolution.version();
            for (ItemRows model : rows) {
                model.apply(evolution, event);
            }
        });
    }

    public void writeTo(RowBatch batch) {
        for (ItemRows model : rows) {
            model.writeTo(batch);
        }
    }

    private ItemState current() {
        if (stored != null) {
            state = stored.get();
            stored = null;
        }
        return state;
    }
}
