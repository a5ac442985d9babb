package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;

import java.util.Optional;
import java.util.function.Supplier;

/** One event applied to one item's row: the state before (null at creation) and after, and the event's version. */
public record Evolution(ItemState before, ItemState after, long version) {

    /**
     * The evolution an event causes on an item this read model holds at {@code version} ({@code known} false: it
     * holds no row for it), or empty when the event was applied already or its item is unknown here. The one rule
     * of every read model, live row by row and in bulk in memory; the state before is read only when needed.
     */
    public static Optional<Evolution> of(boolean known, long version, Supplier<ItemState> current,
                                         WorkItemEvent event, long sequenceNumber) {
        if (event instanceof WorkItemCreated) {
            return known ? Optional.empty() : Optional.of(new Evolution(null, event.evolve(null), sequenceNumber));
        }
        if (!known || version >= sequenceNumber) {
            return Optional.empty();
        }
        ItemState before = current.get();
        return Optional.of(new Evolution(before, event.evolve(before), sequenceNumber));
    }

    public boolean created() {
        return before == null;
    }

    public boolean laneChanged() {
        return before == null || before.lane() != after.lane();
    }
}
