package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's batches and the bulk rebuild keep the same drifts: a row while an item drifts, none after. */
class QueueTruthRowsTest {

    private static final List<String> TABLES = List.of("queue_truth");

    @TempDir
    Path folder;

    @Test
    void theLiveBatchesAndTheRebuildLeaveTheSameRows() {
        // wi-B drifts from its report (observed 10:00) until it is reconciled: nothing drifts at the end.
        assertThat(LiveAndRebuilt.assertLiveEqualsRebuilt(folder, List.of("item_page", "queue_truth"))
                .get("queue_truth")).isEmpty();
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        LiveAndRebuilt.assertAppliedOnce(folder, TABLES);
    }

    @Test
    void aDriftIsKeptWithItsObservationTimeWhileItLasts() {
        var jdbc = LiveAndRebuilt.database(folder.resolve("live.db"));
        var log = LiveAndRebuilt.log();
        // up to the report on wi-B (position 6), before its reconciliation (position 9)
        LiveAndRebuilt.live(log.subList(0, 8), 3, jdbc);
        QueueTruthQueries queries = new QueueTruthQueries(jdbc, LiveAndRebuilt.JSON);
        assertThat(queries.driftedCount()).isEqualTo(1);
        assertThat(queries.drifted(null, 10)).singleElement().satisfies(drifted -> {
            assertThat(drifted.state().id()).isEqualTo("wi-B");
            assertThat(drifted.driftSince()).hasToString("2026-12-01T10:00:00Z");
            assertThat(drifted.driftPosition()).isEqualTo(6);
            assertThat(drifted.version()).isEqualTo(2);
        });
        LiveAndRebuilt.live(log.subList(8, log.size()), 3, jdbc);
        assertThat(queries.driftedCount()).isZero();
    }
}
