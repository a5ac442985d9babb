package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.LogEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The whole event log in global order as NDJSON, one event per line, streamed in chunks: for external audit
 * replays. Positions are the log's global index, which never changes or gets reused, so {@code after} means the
 * same across restarts; a client resumes with the position of the last line it read. Payload and metadata are
 * written exactly as stored. Permission factory.audit.read.
 */
@RestController
public class AuditController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final int CHUNK = 500;
    private static final int LIMIT_DEFAULT = 1000;
    private static final int LIMIT_MAX = 1_000_000;

    private final EventLog eventLog;
    private final ObjectMapper mapper;

    public AuditController(EventLog eventLog, ObjectMapper mapper) {
        this.eventLog = eventLog;
        this.mapper = mapper;
    }

    @Operation(summary = "Stream the event log", description = "NDJSON, one event per line, in global order"
            + " (factory.audit.read).")
    @ApiResponse(responseCode = "200", description = "One JSON event per line.",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
    @GetMapping("/api/audit/events")
    public ResponseEntity<StreamingResponseBody> events(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE)
                                                        Actor actor,
                                                        @RequestParam(required = false) String after,
                                                        @RequestParam(required = false) String limit) {
        Access.require(actor, Permissions.AUDIT_READ);
        long from = QueryParams.number("after", after, 0, Long.MAX_VALUE, 0);
        long max = QueryParams.number("limit", limit, 1, LIMIT_MAX, LIMIT_DEFAULT);
        StreamingResponseBody body = out -> {
            try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.setRootValueSeparator(null);
                long position = from;
                long left = max;
                while (left > 0) {
                    int[] written = {0};
                    long[] last = {position};
                    eventLog.readAfter(position, (int) Math.min(CHUNK, left), entry -> {
                        try {
                            writeEvent(json, entry);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        last[0] = entry.position();
                        written[0]++;
                    });
                    json.flush();
                    if (written[0] == 0) {
                        break;
                    }
                    position = last[0];
                    left -= written[0];
                }
            }
        };
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private static void writeEvent(JsonGenerator json, LogEntry entry) throws IOException {
        json.writeStartObject();
        json.writeNumberField("position", entry.position());
        json.writeStringField("eventIdentifier", entry.eventIdentifier());
        json.writeStringField("aggregateIdentifier", entry.aggregateIdentifier());
        json.writeNumberField("sequenceNumber", entry.sequenceNumber());
        json.writeStringField("type", entry.type());
        json.writeStringField("timestamp", entry.timeStamp());
        json.writeStringField("payloadType", entry.payloadType());
        json.writeStringField("payloadRevision", entry.payloadRevision());
        json.writeFieldName("payload");
        raw(json, entry.payload());
        json.writeFieldName("metaData");
        raw(json, entry.metaData());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void raw(JsonGenerator json, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNull();
        } else {
            json.writeRawValue(new String(bytes, StandardCharsets.UTF_8));
        }
    }

}
