package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.history.TimelineEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of each item a stream has seen, evolved by the events it sends, to tell the lane before and after each
 * event. An item met for the first time is read from the log as of the event before.
 */
final class ItemLanes {

    private static final int MAX_ITEMS = 10_000;

    private final ItemTimeline timeline;
    private final Map<String, ItemState> states = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ItemState> eldest) {
            return size() > MAX_ITEMS;
        }
    };

    ItemLanes(ItemTimeline timeline) {
        this.timeline = timeline;
    }

    /** The item's state before and after this event, and remembers the after. */
    ItemState[] around(WorkItemEvent event, long position) {
        ItemState before = states.containsKey(event.itemId()) ? states.get(event.itemId())
                : timeline.asOfPosition(event.itemId(), position - 1).map(TimelineEvent::after).orElse(null);
        ItemState after = event.evolve(before);
        states.put(event.itemId(), after);
        return new ItemState[] {before, after};
    }
}
