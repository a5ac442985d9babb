package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.buildfactory.controlplane.projections.support.LiveAndRebuilt.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The processor's batches and the bulk rebuild write the same item rows, each the domain's fold of its events. */
class ItemPageRowsTest {

    private static final List<String> TABLES = List.of("item_page");

    @TempDir
    Path folder;

    @Test
    void theLiveBatchesAndTheRebuildLeaveTheSameRows() {
        LiveAndRebuilt.assertLiveEqualsRebuilt(folder, TABLES);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        LiveAndRebuilt.assertAppliedOnce(folder, TABLES);
    }

    @Test
    void eachRowHoldsTheStateTheDomainFoldsAndTheLastEventsVersionAndPosition() {
        Map<String, ItemState> states = new HashMap<>();
        Map<String, LiveAndRebuilt.Logged> last = new HashMap<>();
        for (LiveAndRebuilt.Logged e : LiveAndRebuilt.log()) {
            states.put(e.event().itemId(), e.event().evolve(states.get(e.event().itemId())));
            last.put(e.event().itemId(), e);
        }
        var jdbc = LiveAndRebuilt.database(folder.resolve("live.db"));
        LiveAndRebuilt.live(LiveAndRebuilt.log(), 5, jdbc);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT item_id, version, last_position, lane, state_json"
                + " FROM item_page ORDER BY item_id");
        assertThat(rows).hasSize(3);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("item_id");
            assertThat(JSON.read((String) row.get("state_json"))).isEqualTo(states.get(id));
            assertThat(((Number) row.get("version")).longValue()).isEqualTo(last.get(id).sequenceNumber());
            assertThat(((Number) row.get("last_position")).longValue()).isEqualTo(last.get(id).position());
            assertThat(row.get("lane")).isEqualTo(states.get(id).lane().slug());
        }
    }
}
