package com.buildfactory.controlplane.projections.fold;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read models' file written by the release with four processors (item-page, queue-truth, board, history) opens
 * with the one-processor release: its rows and the old processors' tokens are gone, so the read-models processor
 * starts without a token and rebuilds every read model from the start of the log; the tables have the new shape.
 */
class ReadModelsMigrationTest {

    @TempDir
    Path folder;

    @Test
    void theFourProcessorsFileIsEmptiedAndLosesTheOldTokens() {
        SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource("jdbc:sqlite:" + folder.resolve("read-models.db"), true);
        Flyway.configure().dataSource(dataSource).locations(ReadModelStore.MIGRATIONS).target("12").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO item_page VALUES ('wi-A', 'A', 'ready', 'feature', 1, 1, 2, 't', 't', '{}')");
        jdbc.update("INSERT INTO board_item VALUES ('wi-A', 1, 1, 'ready', 'feature', '{}')");
        jdbc.update("INSERT INTO queue_truth VALUES ('wi-A', 1, 2, 0, NULL, NULL, '{}')");
        jdbc.update("INSERT INTO history_item VALUES ('wi-A', 1, '{}')");
        jdbc.update("INSERT INTO history_snapshot VALUES ('wi-A', 1, 2, 't', 'a', 'n', '{}')");
        jdbc.update("INSERT INTO execution_queue VALUES ('wi-A', 2, 't')");
        for (String processor : List.of("item-page", "queue-truth", "board", "history")) {
            jdbc.update("INSERT INTO TokenEntry (processorName, segment) VALUES (?, 0)", processor);
        }

        ReadModelStore.migrate(dataSource);

        for (String table : List.of("item_page", "queue_truth", "execution_queue", "history_snapshot", "TokenEntry")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)).as(table).isZero();
        }
        assertThat(jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class))
                .doesNotContain("board_item", "history_item");
        // and the new shape takes the processor's rows
        LiveAndRebuilt.live(LiveAndRebuilt.log(), 4, jdbc);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM item_page", Long.class)).isEqualTo(3);
        dataSource.destroy();
    }
}
