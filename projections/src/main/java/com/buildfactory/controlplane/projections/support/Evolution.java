package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;

import java.util.Optional;
import java.util.function.Supplier;

/** One event applied to one item: the state before (null at creation) and after, and the event's version. */
public record Evolution(ItemState before, ItemState after, long version) {

    /**
     * The evolution an event causes on an item the read models hold at {@code version} ({@code known} false: they
     * hold nothing of it), or empty when the event was applied already or its item is unknown here. The one skip
     * rule of the read side, applied once per event by {@link ItemFold}, live and in bulk alike; the state before
     * is read only when needed.
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
