package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart keeps every event, and the item projection resumes from its token: nothing skipped or applied twice. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void restartInTheMiddleKeepsEveryEventAndTheProjectionResumesExactly() throws Exception {
        long eventsBefore;
        try (RunningService first = RunningService.start(dataDir, Map.of())) {
            Api api = first.api();
            for (int i = 1; i <= 20; i++) {
                assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RS-" + i)).send()
                        .status()).isEqualTo(201);
                api.post(Items.actionPath("wi-RS-" + i, "mark-ready"), TestTokens.ADMIN, null).send();
            }
            eventsBefore = events(first);
        }
        try (RunningService second = RunningService.start(dataDir, Map.of())) {
            Api api = second.api();
            assertThat(events(second)).isEqualTo(eventsBefore);
            for (int i = 1; i <= 20; i++) {
                Api.Response moved = api.post(Items.actionPath("wi-RS-" + i, "start-execution"), TestTokens.ADMIN,
                        null).send();
                assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            }
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            awaitProjectionAt(jdbc, eventsBefore + 20);
            List<Long> versions = jdbc.queryForList("SELECT version FROM item_page ORDER BY item_id", Long.class);
            assertThat(versions).hasSize(20).containsOnly(2L);
            assertThat(jdbc.queryForList("SELECT DISTINCT lane FROM item_page", String.class))
                    .containsExactly("in-progress");
            // applying an event twice would have moved last_position past the events that built the row
            Long maxIndex = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
            assertThat(jdbc.queryForObject("SELECT max(last_position) FROM item_page", Long.class))
                    .isEqualTo(maxIndex);
        }
    }

    private static long events(RunningService service) {
        return service.bean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static void awaitProjectionAt(JdbcTemplate jdbc, long expectedVersionSum) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Long sum = jdbc.queryForObject("SELECT coalesce(sum(version + 1), 0) FROM item_page", Long.class);
            if (sum != null && sum >= expectedVersionSum) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The item projection did not catch up after the restart");
    }
}
