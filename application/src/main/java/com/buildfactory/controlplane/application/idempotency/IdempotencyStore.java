package com.buildfactory.controlplane.application.idempotency;

import com.buildfactory.controlplane.storage.WriteTurn;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Optional;

/** The first response to each (actor, key), as it was sent. */
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final WriteTurn writeQueue;
    private final Clock clock;

    public IdempotencyStore(JdbcTemplate jdbc, WriteTurn writeQueue, Clock clock) {
        this.jdbc = jdbc;
        this.writeQueue = writeQueue;
        this.clock = clock;
    }

    public Optional<StoredResponse> find(String actor, String key) {
        return jdbc.query("SELECT request_hash, status, location, etag, content_type, body FROM idempotency_record"
                        + " WHERE actor = ? AND idem_key = ?",
                (rs, n) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6)), actor, key).stream().findFirst();
    }

    /** In the write queue like every other writer, so it never holds SQLite's lock while a group commits. */
    public void save(String actor, String key, StoredResponse response) {
        writeQueue.call(() -> jdbc.update("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, location, etag,"
                        + " content_type, body, created_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                actor, key, response.requestHash(), response.status(), response.location(), response.etag(),
                response.contentType(), response.body(), clock.instant().toString()));
    }

    public record StoredResponse(String requestHash, int status, String location, String etag, String contentType,
                                 byte[] body) {
    }
}
