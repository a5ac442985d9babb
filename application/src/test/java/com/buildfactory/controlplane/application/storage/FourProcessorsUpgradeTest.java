package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data folder whose read models' file was written by the release with four processors (item-page, queue-truth,
 * board, history: their tables, rows and tokens) opens with the one-processor release: start-up and health are not
 * disturbed by the old tokens, and the read-models processor rebuilds every read model from the start of the log,
 * not from rows the old processors left (here made wrong on purpose, so that a skipped rebuild would show).
 */
class FourProcessorsUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void theOldProcessorsFileIsRebuiltFromTheLogByTheOneProcessor() {
        Map<String, String> properties = Map.of("control-plane.backup.schedule", "false");
        try (RunningService service = RunningService.start(dataDir, properties)) {
            Api api = service.api();
            for (String key : List.of("UP-1", "UP-2")) {
                assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple(key)).send().status())
                        .isEqualTo(201);
                assertThat(api.post(Items.actionPath("wi-" + key, "mark-ready"), TestTokens.ADMIN, null).send()
                        .status()).isEqualTo(200);
            }
        }
        Path readModels = dataDir.resolve("read-models.db");
        ReadModelStore.discard(readModels);
        SingleConnectionDataSource old = new SingleConnectionDataSource("jdbc:sqlite:" + readModels, true);
        Flyway.configure().dataSource(old).locations(ReadModelStore.MIGRATIONS).target("12").load().migrate();
        JdbcTemplate oldRows = new JdbcTemplate(old);
        for (String id : List.of("wi-UP-1", "wi-UP-2")) {
            oldRows.update("INSERT INTO item_page VALUES (?, ?, 'backlog', 'feature', 999, ?, 999, 't', 't', '{}')",
                    id, id, id.endsWith("1") ? 1 : 3);
            oldRows.update("INSERT INTO board_item VALUES (?, 999, 1, 'backlog', 'feature', '{}')", id);
        }
        for (String processor : List.of("item-page", "queue-truth", "board", "history")) {
            oldRows.update("INSERT INTO TokenEntry (processorName, segment, owner) VALUES (?, 0, 'gone@host')",
                    processor);
        }
        old.destroy();

        try (RunningService service = RunningService.start(dataDir, properties)) {
            Api api = service.api();
            await(Duration.ofSeconds(20), () -> api.get("/api/health", TestTokens.ADMIN).send().json()
                    .at("/components/eventProcessors/status").asText(), "UP"::equals, "the read side caught up");
            JdbcTemplate jdbc = service.jdbc();
            assertThat(jdbc.queryForList("SELECT processorName FROM TokenEntry", String.class))
                    .containsExactly("read-models");
            assertThat(jdbc.query("SELECT item_id, version, lane FROM item_page ORDER BY item_id",
                    (rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3)))
                    .containsExactly("wi-UP-1 1 ready", "wi-UP-2 1 ready");
            assertThat(api.get("/api/control-plane/items/wi-UP-2", TestTokens.ADMIN).send().json()
                    .at("/lifecycle/lane").asText()).isEqualTo("Ready");
        }
    }
}
