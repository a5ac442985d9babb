package com.buildfactory.controlplane.projections.fold;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import com.buildfactory.controlplane.projections.support.LiveAndRebuilt.Logged;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.buildfactory.controlplane.projections.support.LiveAndRebuilt.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The one handler of the read-models processor: one fold per batch, written when the batch commits. */
class ReadModelsProjectionTest {

    private static final List<String> TABLES = List.of("item_page", "queue_truth", "execution_queue",
            "history_snapshot");

    @TempDir
    Path folder;

    @Test
    void eventByEventOutsideAUnitOfWorkTheHandlerLeavesTheRowsOfTheRebuild() {
        JdbcTemplate live = LiveAndRebuilt.database(folder.resolve("live.db"));
        ReadModelsProjection projection = new ReadModelsProjection(live, new FoldedReadModels(JSON));
        LiveAndRebuilt.log().forEach(e -> projection.on(e.event(), e.sequenceNumber(), e.at(), e.token(), e.actor()));
        JdbcTemplate rebuilt = LiveAndRebuilt.database(folder.resolve("rebuilt.db"));
        LiveAndRebuilt.rebuild(LiveAndRebuilt.log(), rebuilt);

        assertThat(LiveAndRebuilt.dump(live, TABLES)).isEqualTo(LiveAndRebuilt.dump(rebuilt, TABLES));
    }

    @Test
    void aBatchWritesWhenItCommitsAndNothingWhenItRollsBack() {
        JdbcTemplate jdbc = LiveAndRebuilt.database(folder.resolve("live.db"));
        ReadModelsProjection projection = new ReadModelsProjection(jdbc, new FoldedReadModels(JSON));
        List<Logged> log = LiveAndRebuilt.log();

        UnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(null);
        log.subList(0, 8).forEach(projection::apply);
        failed.rollback();
        assertThat(count(jdbc, "item_page")).isZero();

        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(null);
        log.subList(0, 8).forEach(projection::apply);
        assertThat(count(jdbc, "item_page")).as("nothing before the commit").isZero();
        first.commit();
        assertThat(count(jdbc, "item_page")).isEqualTo(2);

        UnitOfWork<?> second = DefaultUnitOfWork.startAndGet(null);
        log.subList(8, log.size()).forEach(projection::apply);
        second.commit();

        JdbcTemplate rebuilt = LiveAndRebuilt.database(folder.resolve("rebuilt.db"));
        LiveAndRebuilt.rebuild(log, rebuilt);
        assertThat(LiveAndRebuilt.dump(jdbc, TABLES)).isEqualTo(LiveAndRebuilt.dump(rebuilt, TABLES));
    }

    @Test
    void aBatchReadsEachItemsStateOnceAndWritesEachItemsRowOnce() {
        AtomicInteger stateReads = new AtomicInteger();
        AtomicInteger pageWrites = new AtomicInteger();
        JdbcTemplate database = LiveAndRebuilt.database(folder.resolve("live.db"));
        JdbcTemplate counting = new JdbcTemplate(database.getDataSource()) {
            @Override
            public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
                if (sql.startsWith("SELECT version, state_json FROM item_page")) {
                    stateReads.incrementAndGet();
                }
                return super.query(sql, mapper, args);
            }

            @Override
            public int[] batchUpdate(String sql, List<Object[]> args) {
                if (sql.startsWith("INSERT INTO item_page") || sql.startsWith("UPDATE item_page")) {
                    pageWrites.addAndGet(args.size());
                }
                return super.batchUpdate(sql, args);
            }
        };
        List<Logged> log = LiveAndRebuilt.log();
        LiveAndRebuilt.live(log.subList(0, 3), 3, counting);
        stateReads.set(0);
        pageWrites.set(0);

        // 13 events of three items (wi-A, wi-B and wi-C, which is created in this batch) in one batch
        LiveAndRebuilt.live(log.subList(3, log.size()), log.size(), counting);

        assertThat(stateReads).hasValue(3);
        assertThat(pageWrites).hasValue(3);
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
