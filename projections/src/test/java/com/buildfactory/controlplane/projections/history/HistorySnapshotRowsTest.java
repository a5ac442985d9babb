package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's batches and the bulk rebuild store the same snapshots, each the state at its event. */
class HistorySnapshotRowsTest {

    private static final List<String> TABLES = List.of("history_snapshot");

    @TempDir
    Path folder;

    @Test
    void theLiveBatchesAndTheRebuildLeaveTheSameRows() {
        assertThat(LiveAndRebuilt.assertLiveEqualsRebuilt(folder, TABLES).get("history_snapshot")).hasSize(2);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        LiveAndRebuilt.assertAppliedOnce(folder, TABLES);
    }

    @Test
    void aSnapshotIsTheStateAtItsEventNotTheLatest() {
        var jdbc = LiveAndRebuilt.database(folder.resolve("live.db"));
        LiveAndRebuilt.live(LiveAndRebuilt.log(), 100, jdbc);
        HistorySnapshot beforeReview = new HistorySnapshotQueries(jdbc, LiveAndRebuilt.JSON).list("wi-A").get(0);
        assertThat(beforeReview.note()).isEqualTo("before review");
        assertThat(beforeReview.state().lane()).isEqualTo(Lane.IN_PROGRESS);
        assertThat(beforeReview.actor()).isEqualTo("actor-0");
        assertThat(beforeReview.position()).isEqualTo(7);
    }
}
