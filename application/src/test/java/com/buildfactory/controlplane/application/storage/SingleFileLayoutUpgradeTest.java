package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data folder written by the release before the read models moved to their own file opens without losing
 * anything. The fixture {@code stores/single-file-layout/control-plane.db} was made by that release (commit 0849739:
 * 12 items, 43 events, history snapshots and truth signals, every read model caught up, then a clean stop). The new
 * release keeps its events and snapshots, rebuilds the read models into {@code read-models.db} equal to the ones
 * the old release had written, and leaves the old tables in place, so a rollback still finds them.
 */
class SingleFileLayoutUpgradeTest {

    /**
     * What each read model serves, asked of the new read models' file ({@code main}) and of the old release's tables
     * in the log's file ({@code log}). The old release kept a board row and a queue-truth row (with a copy of the
     * state) per item; the new one reads the board from the item page and keeps queue truth for drifting items only.
     */
    private static final List<Map.Entry<String, String>> READ_MODEL_QUERIES = List.of(
            Map.entry("SELECT item_id, version, lane, state_json, last_position FROM main.item_page ORDER BY item_id",
                    "SELECT item_id, version, lane, state_json, last_position FROM log.item_page ORDER BY item_id"),
            Map.entry("SELECT item_id, drift_since, drift_position FROM main.queue_truth ORDER BY 1",
                    "SELECT item_id, drift_since, drift_position FROM log.queue_truth WHERE drifted = 1 ORDER BY 1"),
            Map.entry("SELECT item_id, created_position, lane, work_type FROM main.item_page ORDER BY 1",
                    "SELECT item_id, created_position, lane, work_type FROM log.board_item ORDER BY 1"),
            Map.entry("SELECT * FROM main.execution_queue ORDER BY 1", "SELECT * FROM log.execution_queue ORDER BY 1"),
            Map.entry("SELECT * FROM main.history_snapshot ORDER BY 1, 2",
                    "SELECT * FROM log.history_snapshot ORDER BY 1, 2"));

    @TempDir
    Path dataDir;

    @Test
    void theOldSingleFileStoreOpensWithEveryEventAndRebuildsEqualReadModels() throws Exception {
        try (InputStream fixture = getClass().getResourceAsStream("/stores/single-file-layout/control-plane.db")) {
            assertThat(fixture).isNotNull();
            Files.copy(fixture, dataDir.resolve("control-plane.db"));
        }
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false"))) {
            JdbcTemplate jdbc = service.jdbc();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM log.DomainEventEntry", Long.class)).isEqualTo(43);
            // The old release's history, then the one migration the log's file gains: the API tokens' tables.
            assertThat(jdbc.queryForList("SELECT version FROM log.flyway_schema_history ORDER BY installed_rank",
                    String.class)).containsExactly("1", "2", "3", "10", "11", "12", "13");
            awaitCaughtUp(service.api());

            for (Map.Entry<String, String> query : READ_MODEL_QUERIES) {
                assertThat(jdbc.queryForList(query.getKey())).as(query.getKey())
                        .isNotEmpty()
                        .isEqualTo(jdbc.queryForList(query.getValue()));
            }
            assertThat(jdbc.queryForList("SELECT processorName FROM main.TokenEntry", String.class))
                    .containsExactly("read-models");

            Api api = service.api();
            assertThat(api.post(Items.actionPath("wi-OLD-5", "mark-ready"), TestTokens.ADMIN, null).send().status())
                    .isEqualTo(200);
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("NEW-1")).send().status())
                    .isEqualTo(201);
            Eventually.await(Duration.ofSeconds(20), () -> api.get("/api/control-plane/items/wi-OLD-5", TestTokens.ADMIN)
                    .send().json().at("/lifecycle/lane").asText(), "Ready"::equals,
                    "the old item's page shows the new action");
        }
    }

    private static void awaitCaughtUp(Api api) {
        Eventually.await(Duration.ofSeconds(30), () -> api.get("/api/health", TestTokens.ADMIN).send().json()
                .at("/components/eventProcessors/status").asText(), "UP"::equals, "the read side caught up with the old log");
    }
}
