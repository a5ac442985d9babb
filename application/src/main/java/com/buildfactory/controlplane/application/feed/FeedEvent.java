package com.buildfactory.controlplane.application.feed;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event as the feed sends it in an SSE {@code data} line; its position is also the SSE {@code id}, to resume
 * with {@code Last-Event-ID}. {@code laneBefore}/{@code laneAfter} are the item's lanes around the event.
 */
public record FeedEvent(long position, String eventIdentifier, String itemId, long sequenceNumber, String type,
                        Instant timestamp, String actor, String laneBefore, String laneAfter, JsonNode payload) {
}
