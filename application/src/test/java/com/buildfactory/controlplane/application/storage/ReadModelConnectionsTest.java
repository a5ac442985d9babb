package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.storage.sqlite.ReadModelConnections;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-model batches commit without an fsync; the log and everything else keep the configured durability. */
class ReadModelConnectionsTest {

    private static final int FULL = 2;
    private static final int NORMAL = 1;

    @TempDir
    Path dataDir;

    @Test
    void processorsBatchOnNormalConnectionsAndEverythingElseOnFull() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            ReadModelConnections connections = service.bean(ReadModelConnections.class);
            assertThat(synchronous(connections.readModelPool())).isEqualTo(NORMAL);
            assertThat(synchronous(connections.durablePool())).isEqualTo(FULL);
            // Outside a read-model batch, the service's DataSource hands out durable connections.
            assertThat(synchronous(service.bean(DataSource.class))).isEqualTo(FULL);

            long before = connections.readModelConnectionsTaken();
            Api api = service.api();
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RM-1")).send().status())
                    .isEqualTo(201);
            for (String action : new String[] {"mark-ready", "start-execution", "request-review"}) {
                assertThat(api.post(Items.actionPath("wi-RM-1", action), TestTokens.ADMIN, null).send().status())
                        .isEqualTo(200);
            }
            JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (jdbc.queryForList("SELECT version FROM item_page WHERE item_id = 'wi-RM-1' AND version = 3",
                    Long.class).isEmpty()) {
                assertThat(System.nanoTime()).as("the item page reached version 3").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(connections.readModelConnectionsTaken()).isGreaterThan(before);
        }
    }

    private static int synchronous(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForObject("PRAGMA synchronous", Integer.class);
    }
}
