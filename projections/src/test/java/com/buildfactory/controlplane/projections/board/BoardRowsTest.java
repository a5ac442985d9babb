package com.buildfactory.controlplane.projections.board;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's batches and the bulk rebuild write the same execution queue; the board reads the item page. */
class BoardRowsTest {

    private static final List<String> TABLES = List.of("execution_queue");

    @TempDir
    Path folder;

    @Test
    void theLiveBatchesAndTheRebuildLeaveTheSameRows() {
        Map<String, List<Map<String, Object>>> rows = LiveAndRebuilt.assertLiveEqualsRebuilt(folder, TABLES);
        // wi-A joined, went to review, came back (changes requested) and is done: gone; wi-B started at position 10.
        assertThat(rows.get("execution_queue")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("item_id", "wi-B").containsEntry("queued_position", 10));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        LiveAndRebuilt.assertAppliedOnce(folder, TABLES);
    }

    @Test
    void theBoardShowsEachItemInItsLaneFromTheItemPage() {
        var jdbc = LiveAndRebuilt.database(folder.resolve("live.db"));
        LiveAndRebuilt.live(LiveAndRebuilt.log(), 4, jdbc);
        var board = new BoardQueries(jdbc, LiveAndRebuilt.JSON).board(null, 10);
        assertThat(board.values().stream().mapToLong(BoardQueries.LaneColumn::count).sum()).isEqualTo(3);
        assertThat(new BoardQueries(jdbc, LiveAndRebuilt.JSON).queue(10)).singleElement()
                .satisfies(queued -> assertThat(queued.state().id()).isEqualTo("wi-B"));
    }
}
