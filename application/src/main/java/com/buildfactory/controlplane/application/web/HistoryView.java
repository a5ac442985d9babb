package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** An item's history: its events oldest first (one page), and how long it spent in each lane. */
public record HistoryView(String id, long eventCount, List<Entry> events, List<LaneTime> timeInLanes,
                          String nextCursor) {

    /**
     * One event. {@code action} is the action or edit that caused it; {@code outcome} is applied or blocked;
     * {@code blockedGates} lists the gates of a blocked attempt. The payload's prompt text is left out for actors
     * who may not see the prompt context.
     */
    public record Entry(long position, long version, Instant at, String actor, String event, String action,
                        String outcome, String laneBefore, String laneAfter,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<BlockedGate> blockedGates,
                        Object payload) {
    }

    /** Total time in one lane, over every visit; {@code current} when the item is still there (counted to now). */
    public record LaneTime(String lane, long seconds, String duration, int visits, boolean current) {
    }
}
