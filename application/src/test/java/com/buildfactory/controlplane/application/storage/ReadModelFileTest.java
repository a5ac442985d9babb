package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models and their tokens live in their own file, so their batches take a write lock of their own: the
 * log's file holds events, snapshots and idempotency records with the configured durability (FULL), the read
 * models' file commits without an fsync (NORMAL), a batch with its token.
 */
class ReadModelFileTest {

    private static final int FULL = 2;
    private static final int NORMAL = 1;

    @TempDir
    Path dataDir;

    @Test
    void processorsWriteReadModelsAndTokensToTheirOwnFileAndTheLogStaysFull() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            ReadModelStore readModels = service.bean(ReadModelStore.class);
            JdbcTemplate log = new JdbcTemplate(service.bean(DataSource.class));
            assertThat(synchronous(readModels.jdbc())).isEqualTo(NORMAL);
            assertThat(synchronous(log)).isEqualTo(FULL);
            String file = readModels.jdbc().query("PRAGMA database_list", (rs, n) -> rs.getString(3)).get(0);
            assertThat(file).isEqualTo(dataDir.resolve("read-models.db").toAbsolutePath().toString());

            Api api = service.api();
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RM-1")).send().status())
                    .isEqualTo(201);
            for (String action : new String[] {"mark-ready", "start-execution", "request-review"}) {
                assertThat(api.post(Items.actionPath("wi-RM-1", action), TestTokens.ADMIN, null).send().status())
                        .isEqualTo(200);
            }
            Eventually.await(Duration.ofSeconds(10), () -> readModels.jdbc().queryForList("SELECT version FROM item_page"
                    + " WHERE item_id = 'wi-RM-1' AND version = 3", Long.class), rows -> !rows.isEmpty(),
                    "the item page reached version 3");
            assertThat(readModels.jdbc().queryForList("SELECT processorName FROM TokenEntry", String.class))
                    .containsExactly("read-models");
            assertThat(log.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class))
                    .doesNotContain("item_page", "queue_truth", "execution_queue", "history_snapshot")
                    .contains("idempotency_record");
        }
    }

    private static int synchronous(JdbcTemplate jdbc) {
        return jdbc.queryForObject("PRAGMA synchronous", Integer.class);
    }
}
