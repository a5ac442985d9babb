package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.domain.truth.DriftDetector;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static com.buildfactory.controlplane.application.support.TestTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk rebuild behind a replay: commands committed while it runs, after its read snapshot, are applied by the
 * processor exactly once (the token is stored at the snapshot's head, not before, not after); while it runs the
 * projection says it is replaying, a second replay is refused and the service stays healthy; events no read model
 * knows are skipped as the processor skips them.
 */
class ReadSideBulkRebuildTest {

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;
    static MixedLoad load;

    @BeforeAll
    static void buildALog() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        jdbc = service.jdbc();
        load = new MixedLoad(service.bean(WorkItemCommands.class), 99, "BR");
        while (head() < 1_500) {
            load.next();
        }
        awaitCaughtUp();
    }

    @AfterEach
    void noHook() {
        service.bean(BulkRebuild.class).afterSnapshot(() -> {
        });
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void commandsCommittedDuringARebuildAreAppliedOnceAfterIt() {
        for (String projection : ReadSideReplayTest.TABLES.keySet()) {
            AtomicLong snapshotHead = new AtomicLong(-1);
            List<String> seenWhileRebuilding = new ArrayList<>();
            service.bean(BulkRebuild.class).afterSnapshot(() -> {
                if (snapshotHead.get() >= 0) {
                    return;
                }
                // Nothing is written between the snapshot and this moment: no other writer runs in this test.
                snapshotHead.set(head());
                JsonNode status = api.get("/api/admin/projections/" + projection, ADMIN).send().json();
                seenWhileRebuilding.add(status.get("state").asText());
                seenWhileRebuilding.add(String.valueOf(api.post("/api/admin/projections/" + projection
                        + "/replay", ADMIN, null).send().status()));
                seenWhileRebuilding.add(api.get("/api/health", null).send().json().get("status").asText());
                int before = load.accepted;
                while (load.accepted < before + 40) {
                    load.next();
                }
            });
            JsonNode done = replay(projection);

            assertThat(seenWhileRebuilding).as(projection).containsExactly("replaying", "409", "UP");
            assertThat(head()).as(projection).isGreaterThan(snapshotHead.get());
            assertThat(done.at("/replay/target").asLong()).as(projection).isEqualTo(snapshotHead.get());
            awaitCaughtUp();
            assertEveryRowIsAtItsStreamsLastEvent();
        }
    }

    @Test
    void eventsNoReadModelHandlesAreSkippedByTheRebuildAsByTheProcessor() throws Exception {
        // An event of another aggregate whose type this service no longer knows, appended as any writer would.
        jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
                        + " timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (?,?,?,?,?,?,?,?,?)",
                "retired-event-1", "retired-1", 0, "Retired", "2026-11-28T09:00:00.000Z",
                "com.buildfactory.controlplane.domain.retired.RetiredEvent", null,
                "{\"itemId\":\"retired-1\"}".getBytes(), "{\"actor\":\"admin\"}".getBytes());
        load.next();
        awaitCaughtUp();
        for (Map.Entry<String, List<String>> projection : ReadSideReplayTest.TABLES.entrySet()) {
            Map<String, List<Map<String, Object>>> live = dump(projection.getValue());
            replay(projection.getKey());
            assertThat(dump(projection.getValue())).as(projection.getKey()).isEqualTo(live);
            // On a quiet log the processor leaves its token where the rebuild stored it: exactly at the head, with
            // no gaps, so it neither applies the last rebuilt event again nor skips the next one.
            JsonNode token = service.bean(com.fasterxml.jackson.databind.ObjectMapper.class).readTree(
                    jdbc.queryForObject("SELECT token FROM TokenEntry WHERE processorName = ?", byte[].class,
                            projection.getKey()));
            assertThat(token.get("index").asLong()).as(projection.getKey()).isEqualTo(head());
            assertThat(token.get("gaps")).as(projection.getKey()).isEmpty();
        }
    }

    static void assertEveryRowIsAtItsStreamsLastEvent() {
        Map<String, Long> streams = new LinkedHashMap<>();
        jdbc.query("SELECT aggregateIdentifier, max(sequenceNumber) FROM DomainEventEntry"
                + " WHERE aggregateIdentifier NOT LIKE 'retired-%' GROUP BY aggregateIdentifier", rs -> {
                    streams.put(rs.getString(1), rs.getLong(2));
                });
        // The item page holds the read side's one copy of each item's state and version.
        Map<String, Long> versions = new LinkedHashMap<>();
        jdbc.query("SELECT item_id, version FROM item_page", rs -> {
            versions.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(versions).isEqualTo(streams);
        ItemTimeline timeline = service.bean(ItemTimeline.class);
        ItemStateJson json = service.bean(ItemStateJson.class);
        jdbc.query("SELECT item_id, state_json FROM item_page", rs -> {
            ItemState folded = timeline.current(rs.getString(1)).orElseThrow().after();
            assertThat(json.read(rs.getString(2))).as(rs.getString(1)).isEqualTo(folded);
        });
        // Queue truth holds exactly the items whose state drifts.
        List<String> drifting = jdbc.queryForList("SELECT item_id FROM queue_truth ORDER BY item_id", String.class);
        List<String> expected = new ArrayList<>();
        jdbc.query("SELECT item_id, state_json FROM item_page ORDER BY item_id", rs -> {
            if (!DriftDetector.detect(json.read(rs.getString(2))).isEmpty()) {
                expected.add(rs.getString(1));
            }
        });
        assertThat(drifting).isEqualTo(expected);
        Long snapshots = jdbc.queryForObject("SELECT count(*) FROM history_snapshot", Long.class);
        Long recorded = jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE payloadType LIKE"
                + " '%.HistoryRecorded'", Long.class);
        assertThat(snapshots).isEqualTo(recorded);
    }

    static JsonNode replay(String projection) {
        Api.Response started = api.post("/api/admin/projections/" + projection + "/replay", ADMIN, null).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return ReadSide.await(() -> api.get("/api/admin/projections/" + projection, ADMIN).send().json(),
                status -> status.get("state").asText().equals("running") && status.get("lag").asLong() == 0
                        && !status.at("/replay/completedAt").isMissingNode()
                        && !status.at("/replay/completedAt").isNull(), 60);
    }

    static void awaitCaughtUp() {
        ReadSide.awaitCaughtUp(service.bean(ProjectionReplays.class), ReadSideReplayTest.TABLES.keySet());
    }

    static Map<String, List<Map<String, Object>>> dump(List<String> tables) {
        return ReadSide.dump(jdbc, tables);
    }

    static long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
    }
}
