package com.buildfactory.controlplane.application.readside;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One projection as an operator sees it. {@code state} is running, replaying, stopped or error; {@code position}
 * is the last log position it applied and {@code lag} the events between it and the log's head.
 */
public record ProjectionStatus(String name, String state, long position, long head, long lag,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Replay replay) {

    /**
     * The current or last replay: the head when it was started ({@code target}), how far it got, and its rate.
     * {@code eventsPerSecond} counts log positions replayed per second of wall time.
     */
    public record Replay(Instant startedAt, Instant completedAt, long target, long position, double progress,
                         double eventsPerSecond) {
    }
}
