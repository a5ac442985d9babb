package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.storage.sqlite.AggregateSnapshotSerializer;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart keeps every event, and the item projection resumes from its token: nothing skipped or applied twice. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void restartInTheMiddleKeepsEveryEventAndTheProjectionResumesExactly() throws Exception {
        long eventsBefore;
        try (RunningService first = RunningService.start(dataDir, Map.of("control-plane.snapshots.every", "2"))) {
            Api api = first.api();
            for (int i = 1; i <= 20; i++) {
                assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RS-" + i)).send()
                        .status()).isEqualTo(201);
                api.post(Items.actionPath("wi-RS-" + i, "mark-ready"), TestTokens.ADMIN, null).send();
            }
            eventsBefore = events(first);
        }
        try (RunningService second = RunningService.start(dataDir, Map.of())) {
            Api api = second.api();
            assertThat(events(second)).isEqualTo(eventsBefore);
            assertSnapshotsLoad(second);
            for (int i = 1; i <= 20; i++) {
                Api.Response moved = api.post(Items.actionPath("wi-RS-" + i, "start-execution"), TestTokens.ADMIN,
                        null).send();
                assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            }
            JdbcTemplate jdbc = second.jdbc();
            awaitProjectionAt(jdbc, eventsBefore + 20);
            List<Long> versions = jdbc.queryForList("SELECT version FROM item_page ORDER BY item_id", Long.class);
            assertThat(versions).hasSize(20).containsOnly(2L);
            assertThat(jdbc.queryForList("SELECT DISTINCT lane FROM item_page", String.class))
                    .containsExactly("in-progress");
            // applying an event twice would have moved last_position past the events that built the row
            Long maxIndex = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
            assertThat(jdbc.queryForObject("SELECT max(last_position) FROM item_page", Long.class))
                    .isEqualTo(maxIndex);
        }
    }

    /** Snapshots are a cache Axon silently bypasses when unreadable, so read one back explicitly. */
    private static void assertSnapshotsLoad(RunningService service) throws Exception {
        JdbcTemplate jdbc = service.jdbc();
        List<byte[]> payloads = jdbc.queryForList(
                "SELECT payload FROM SnapshotEventEntry WHERE aggregateIdentifier = 'wi-RS-1'", byte[].class);
        assertThat(payloads).isNotEmpty();
        var serializer = service.bean(AggregateSnapshotSerializer.class).serializer();
        Object aggregate = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                payloads.get(0), byte[].class, com.buildfactory.controlplane.domain.workitem.WorkItem.class.getName(),
                null));
        var stateField = aggregate.getClass().getDeclaredField("state");
        stateField.setAccessible(true);
        var state = (com.buildfactory.controlplane.domain.workitem.ItemState) stateField.get(aggregate);
        assertThat(state.id()).isEqualTo("wi-RS-1");
        assertThat(state.doneCriteria()).hasSize(1);
    }

    private static long events(RunningService service) {
        return service.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static void awaitProjectionAt(JdbcTemplate jdbc, long expectedVersionSum) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Long sum = jdbc.queryForObject("SELECT coalesce(sum(version + 1), 0) FROM item_page", Long.class);
            if (sum != null && sum >= expectedVersionSum) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The item projection did not catch up after the restart");
    }
}
