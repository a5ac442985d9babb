package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.buildfactory.controlplane.application.support.TestTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays and time travel over a log of more than 10,000 events of mixed actions: a replayed read model equals
 * the live one row for row; a replay while commands keep arriving loses none of them; the page rebuilt as of a
 * random past position or time equals the page that was live then.
 */
class ReadSideReplayTest {

    static final int EVENTS = Integer.getInteger("readside.events", 10_000);
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("read-models", List.of("item_page", "queue_truth", "execution_queue", "history_snapshot"));
    }

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;
    static final List<Sample> samples = new ArrayList<>();

    record Sample(String itemId, long position, Instant time, JsonNode page) {
    }

    @BeforeAll
    static void buildALogOfMixedActions() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        jdbc = service.jdbc();
        MixedLoad load = new MixedLoad(service.bean(WorkItemCommands.class), 276, "MX");
        Random random = new Random(42);
        long nextSample = EVENTS / 25;
        long events;
        while ((events = eventCount()) < EVENTS) {
            load.next();
            if (events >= nextSample) {
                samples.add(sample(load.items().get(random.nextInt(load.items().size()))));
                nextSample += EVENTS / 25;
            }
        }
        assertThat(load.accepted).isGreaterThan(load.refused);
        awaitCaughtUp();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void timeTravelToRandomPastPositionsAndTimesShowsThePageThatWasLiveThen() {
        assertThat(samples).hasSizeGreaterThanOrEqualTo(20);
        for (Sample sample : samples) {
            JsonNode byPosition = api.get("/api/control-plane/items/" + sample.itemId() + "?asOf="
                    + sample.position(), ADMIN).send().json();
            assertThat(byPosition.at("/historical/asOf").asText()).isEqualTo(String.valueOf(sample.position()));
            assertThat(withoutHistorical(byPosition)).as(sample.itemId() + " at " + sample.position())
                    .isEqualTo(sample.page());
            JsonNode byTime = api.get("/api/control-plane/items/" + sample.itemId() + "?asOf=" + sample.time(),
                    ADMIN).send().json();
            assertThat(withoutHistorical(byTime)).as(sample.itemId() + " at " + sample.time())
                    .isEqualTo(sample.page());
        }
    }

    @Test
    void aReplayedReadModelEqualsTheLiveOneRowForRow() {
        assertThat(eventCount()).isGreaterThanOrEqualTo(EVENTS);
        awaitCaughtUp();
        for (Map.Entry<String, List<String>> projection : TABLES.entrySet()) {
            Map<String, List<Map<String, Object>>> live = dump(projection.getValue());
            assertThat(live.get(projection.getValue().get(0))).isNotEmpty();

            replay(projection.getKey());
            awaitCaughtUp(projection.getKey());

            assertThat(dump(projection.getValue())).as(projection.getKey()).isEqualTo(live);
        }
    }

    @Test
    void aReplayWhileCommandsKeepArrivingLosesNoneOfThem() throws Exception {
        MixedLoad load = new MixedLoad(service.bean(WorkItemCommands.class), 7, "RW");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (running.get()) {
                load.next();
            }
        });
        writer.start();
        try {
            ReadSide.sleep(300);
            for (String projection : TABLES.keySet()) {
                replay(projection);
            }
            ReadSide.sleep(300);
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(load.accepted).isGreaterThan(100);
        awaitCaughtUp();

        Map<String, Long> streams = new LinkedHashMap<>();
        jdbc.query("SELECT aggregateIdentifier, max(sequenceNumber) FROM DomainEventEntry"
                + " GROUP BY aggregateIdentifier", rs -> {
                    streams.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> versions = new LinkedHashMap<>();
        jdbc.query("SELECT item_id, version FROM item_page", rs -> {
            versions.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(versions).isEqualTo(streams);
        ItemTimeline timeline = service.bean(ItemTimeline.class);
        ItemStateJson json = service.bean(ItemStateJson.class);
        for (String id : load.items()) {
            ItemState folded = timeline.current(id).orElseThrow().after();
            String stored = jdbc.queryForObject("SELECT state_json FROM item_page WHERE item_id = ?", String.class,
                    id);
            assertThat(json.read(stored)).as(id).isEqualTo(folded);
        }
    }

    // --- helpers

    static Sample sample(String itemId) {
        awaitCaughtUp("read-models");
        long position = service.bean(ItemTimeline.class).head();
        Instant time = Instant.now();
        // The processor reports its position as its batch commits; the row is readable a moment later at most.
        JsonNode page = ReadSide.freshPage(api, itemId);
        ReadSide.sleep(2);
        return new Sample(itemId, position, time, page);
    }

    static void replay(String projection) {
        Api.Response started = api.post("/api/admin/projections/" + projection + "/replay", ADMIN, null).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        // Complete and running again; not necessarily at lag 0: while commands keep arriving, they go before the
        // processor's batches at the write lock, so a busy log keeps a processor a few events behind.
        JsonNode done = ReadSide.await(() -> api.get("/api/admin/projections/" + projection, ADMIN).send().json(),
                status -> status.get("state").asText().equals("running")
                        && !status.at("/replay/completedAt").isMissingNode()
                        && !status.at("/replay/completedAt").isNull());
        System.out.println("Replayed " + done);
    }

    static void awaitCaughtUp(String... only) {
        ReadSide.awaitCaughtUp(service.bean(ProjectionReplays.class),
                only.length > 0 ? List.of(only) : List.copyOf(TABLES.keySet()));
    }

    static Map<String, List<Map<String, Object>>> dump(List<String> tables) {
        return ReadSide.dump(jdbc, tables);
    }

    static long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
        return count == null ? 0 : count;
    }

    static JsonNode withoutHistorical(JsonNode page) {
        ObjectNode copy = page.deepCopy();
        copy.remove("historical");
        return copy;
    }
}
