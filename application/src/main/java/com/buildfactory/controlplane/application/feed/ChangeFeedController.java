package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.application.web.Access;
import com.buildfactory.controlplane.application.web.InvalidInput;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/feed/events}: the log as server-sent events, in global order, live (factory.audit.read, as the
 * audit stream). {@code item} and {@code lane} filter; {@code Last-Event-ID} (or {@code after}) resumes after a
 * position, so a reconnecting client misses nothing and sees nothing twice. Without either it starts from now.
 */
@RestController
public class ChangeFeedController {

    public static final String PATH = "/api/feed/events";

    private final ChangeFeed feed;

    public ChangeFeedController(ChangeFeed feed) {
        this.feed = feed;
    }

    @Operation(summary = "Follow the event log live", description = "Server-sent events: id is the log position,"
            + " event the event type, data a JSON event with itemId, actor, laneBefore, laneAfter and payload."
            + " Resume with Last-Event-ID. A ': heartbeat' comment on a quiet stream (factory.audit.read).")
    @ApiResponse(responseCode = "200", description = "The stream; it stays open.",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @GetMapping(path = PATH, produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<?> events(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                    @RequestParam(required = false) String item,
                                    @RequestParam(required = false) String lane,
                                    @RequestParam(required = false) String after,
                                    @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        Access.require(actor, Permissions.AUDIT_READ);
        if (item != null && WorkItemKey.fromId(item).isEmpty()) {
            throw new InvalidInput("item", "must be an item id, like wi-BF-276");
        }
        Lane laneFilter = lane == null ? null : Lane.parse(lane).orElseThrow(() -> new InvalidInput("lane",
                "must be one of backlog, ready, in-progress, review, done"));
        Long from = position("Last-Event-ID", lastEventId);
        if (from == null) {
            from = position("after", after);
        }
        return feed.open(from, new FeedFilter(item, laneFilter))
                .<ResponseEntity<?>>map(emitter -> ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                        .header("X-Accel-Buffering", "no").body(emitter))
                .orElseGet(() -> {
                    ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "feed-full",
                            "Too many open streams", "The change feed has its maximum of open streams; retry"
                                    + " shortly, resuming with your Last-Event-ID.");
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
                });
    }

    private Long position(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.matches("[0-9]{1,18}")) {
            long position = Long.parseLong(trimmed);
            long head = feed.head();
            if (position <= head) {
                return position;
            }
            throw new InvalidInput(field, "is " + position + ", past the log's last position " + head);
        }
        throw new InvalidInput(field, "must be a log position (the id of an event this feed sent)");
    }
}
