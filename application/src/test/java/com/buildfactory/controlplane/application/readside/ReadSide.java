package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Read models are fed asynchronously: the tests wait, bounded, for what they expect. */
final class ReadSide {

    private ReadSide() {
    }

    static JsonNode freshPage(Api api, String itemId) {
        return await(() -> api.get("/api/control-plane/items/" + itemId, TestTokens.ADMIN).send().json(),
                page -> page.at("/queueTruth/freshness/status").asText().equals("Fresh")
                        && page.has("id"));
    }

    static <T> T await(Supplier<T> read, Predicate<T> done) {
        return await(read, done, 20);
    }

    static <T> T await(Supplier<T> read, Predicate<T> done, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            sleep(20);
        }
        throw new AssertionError("Never reached the expected state; last: " + last);
    }

    /** Every table's rows in a stable order, to compare a read model before and after a replay. */
    static Map<String, List<Map<String, Object>>> dump(JdbcTemplate jdbc, List<String> tables) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return rows;
    }

    /** Waits until each named projection runs at the log's head, not replaying. */
    static void awaitCaughtUp(ProjectionReplays replays, Collection<String> names) {
        for (String name : names) {
            await(() -> replays.caughtUp(name), caughtUp -> caughtUp);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
