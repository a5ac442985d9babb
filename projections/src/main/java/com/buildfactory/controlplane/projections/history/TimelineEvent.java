package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;

import java.time.Instant;

/** One event of an item's stream with its log position, time, actor and the state before and after it. */
public record TimelineEvent(long position, long sequenceNumber, Instant at, String actor, WorkItemEvent event,
                            ItemState before, ItemState after) {
}
