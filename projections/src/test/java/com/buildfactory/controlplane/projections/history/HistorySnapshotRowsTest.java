package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

import static com.buildfactory.controlplane.projections.support.LiveAndRebuilt.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The live handler (event by event) and the bulk rebuild (item by item) of this read model write the same rows. */
class HistorySnapshotRowsTest {

    private static final List<String> TABLES = List.of("history_item", "history_snapshot");

    @TempDir
    Path folder;

    @Test
    void theLiveHandlerAndTheRebuildLeaveTheSameRows() {
        JdbcTemplate live = LiveAndRebuilt.database(folder.resolve("live.db"));
        JdbcTemplate rebuilt = LiveAndRebuilt.database(folder.resolve("rebuilt.db"));
        HistorySnapshotProjection projection = new HistorySnapshotProjection(live, JSON);
        for (LiveAndRebuilt.Logged e : LiveAndRebuilt.log()) {
            projection.on(e.event(), e.sequenceNumber(), e.at(), e.token(), e.actor());
        }
        LiveAndRebuilt.rebuild(new HistorySnapshotRebuild(JSON), LiveAndRebuilt.log(), rebuilt);

        assertThat(LiveAndRebuilt.dump(rebuilt, TABLES)).isEqualTo(LiveAndRebuilt.dump(live, TABLES));
        assertThat(live.queryForObject("SELECT count(*) FROM " + TABLES.get(0), Long.class)).isPositive();
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        JdbcTemplate once = LiveAndRebuilt.database(folder.resolve("once.db"));
        JdbcTemplate twice = LiveAndRebuilt.database(folder.resolve("twice.db"));
        HistorySnapshotProjection single = new HistorySnapshotProjection(once, JSON);
        HistorySnapshotProjection retried = new HistorySnapshotProjection(twice, JSON);
        for (LiveAndRebuilt.Logged e : LiveAndRebuilt.log()) {
            single.on(e.event(), e.sequenceNumber(), e.at(), e.token(), e.actor());
            retried.on(e.event(), e.sequenceNumber(), e.at(), e.token(), e.actor());
            retried.on(e.event(), e.sequenceNumber(), e.at(), e.token(), e.actor());
        }
        assertThat(LiveAndRebuilt.dump(twice, TABLES)).isEqualTo(LiveAndRebuilt.dump(once, TABLES));
    }
}
