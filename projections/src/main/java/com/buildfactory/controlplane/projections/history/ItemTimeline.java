package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.ItemEventRef;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An item's whole stream read from the event store (never from a snapshot), folded with the same
 * {@link WorkItemEvent#evolve} as the aggregate: the source of the item history and of time travel.
 */
public class ItemTimeline {

    /** Metadata key under which commands record their actor; the same key the command side writes. */
    public static final String ACTOR = "actor";

    private final EventStore eventStore;
    private final EventLog eventLog;

    public ItemTimeline(EventStore eventStore, EventLog eventLog) {
        this.eventStore = eventStore;
        this.eventLog = eventLog;
    }

    /** Every event of the item, oldest first; empty when the item has no events. */
    public List<TimelineEvent> events(String itemId) {
        Map<Long, Long> positions = new HashMap<>();
        for (ItemEventRef ref : eventLog.itemEvents(itemId, -1)) {
            positions.put(ref.sequenceNumber(), ref.position());
        }
        if (positions.isEmpty()) {
            return List.of();
        }
        List<TimelineEvent> events = new ArrayList<>(positions.size());
        ItemState state = null;
        Iterator<? extends DomainEventMessage<?>> stream = eventStore.readEvents(itemId, 0).asStream().iterator();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof WorkItemEvent event)) {
                continue;
            }
            Long position = positions.get(message.getSequenceNumber());
            if (position == null) {
                break; // appended after the positions were read: not part of this view
            }
            ItemState after = event.evolve(state);
            Object actor = message.getMetaData().get(ACTOR);
            events.add(new TimelineEvent(position, message.getSequenceNumber(), message.getTimestamp(),
                    actor == null ? null : actor.toString(), event, state, after));
            state = after;
        }
        return events;
    }

    /** The item as it was after the last event at or before log position {@code position}. */
    public Optional<TimelineEvent> asOfPosition(String itemId, long position) {
        return last(itemId, e -> e.position() <= position);
    }

    /** The item as it was after the last event recorded at or before {@code time}. */
    public Optional<TimelineEvent> asOfTime(String itemId, Instant time) {
        return last(itemId, e -> !e.at().isAfter(time));
    }

    /** The item as the log has it now. */
    public Optional<TimelineEvent> current(String itemId) {
        return last(itemId, e -> true);
    }

    public long head() {
        return Math.max(0, eventLog.head());
    }

    private Optional<TimelineEvent> last(String itemId, Predicate<TimelineEvent> included) {
        TimelineEvent last = null;
        for (TimelineEvent event : events(itemId)) {
            if (!included.test(event)) {
                break;
            }
            last = event;
        }
        return Optional.ofNullable(last);
    }
}
