package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

import static com.buildfactory.controlplane.projections.support.LiveAndRebuilt.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The live handler (event by event) and the bulk rebuild (item by item) of this read model write the same rows. */
class ItemPageRowsTest {

    private static final List<String> TABLES = List.of("item_page");

    @TempDir
    Path folder;

    @Test
    void theLiveHandlerAndTheRebuildLeaveTheSameRows() {
        JdbcTemplate live = LiveAndRebuilt.database(folder.resolve("live.db"));
        JdbcTemplate rebuilt = LiveAndRebuilt.database(folder.resolve("rebuilt.db"));
        ItemPageProjection projection = new ItemPageProjection(live, JSON);
        for (LiveAndRebuilt.Logged e : LiveAndRebuilt.log()) {
            projection.on(e.event(), e.sequenceNumber(), e.at(), e.token());
        }
        LiveAndRebuilt.rebuild(new ItemPageRebuild(JSON), LiveAndRebuilt.log(), rebuilt);

        assertThat(LiveAndRebuilt.dump(rebuilt, TABLES)).isEqualTo(LiveAndRebuilt.dump(live, TABLES));
        assertThat(live.queryForObject("SELECT count(*) FROM " + TABLES.get(0), Long.class)).isPositive();
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        JdbcTemplate once = LiveAndRebuilt.database(folder.resolve("once.db"));
        JdbcTemplate twice = LiveAndRebuilt.database(folder.resolve("twice.db"));
        ItemPageProjection single = new ItemPageProjection(once, JSON);
        ItemPageProjection retried = new ItemPageProjection(twice, JSON);
        for (LiveAndRebuilt.Logged e : LiveAndRebuilt.log()) {
            single.on(e.event(), e.sequenceNumber(), e.at(), e.token());
            retried.on(e.event(), e.sequenceNumber(), e.at(), e.token());
            retried.on(e.event(), e.sequenceNumber(), e.at(), e.token());
        }
        assertThat(LiveAndRebuilt.dump(twice, TABLES)).isEqualTo(LiveAndRebuilt.dump(once, TABLES));
    }
}
