package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.SseClient;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live change feed against the running service: latency, resume, filters, heartbeats, the cap, permissions. */
class ChangeFeedTest {

    private static final String FEED = "/api/feed/events";
    private static final String ITEMS = "/api/control-plane/items";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STREAMS = 4;

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.feed.max-streams", String.valueOf(MAX_STREAMS),
                "control-plane.feed.heartbeat", "200ms"));
        api = service.api();
        jdbc = service.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** A closed client's stream ends at the server's next write, a heartbeat at the latest: each test starts clean. */
    @AfterEach
    void everyStreamEnded() throws InterruptedException {
        awaitOpen(service.bean(ChangeFeed.class), 0);
    }

    private static SseClient subscribe(String query, String lastEventId) throws InterruptedException {
        SseClient client = SseClient.open(service.port(), FEED + query, TestTokens.ADMIN, lastEventId);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.header("Content-Type")).startsWith("text/event-stream");
        assertThat(client.nextComment(Duration.ofSeconds(10))).as("the stream opened").isEqualTo("connected");
        return client;
    }

    private static JsonNode data(SseClient.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + event.data(), e);
        }
    }

    private static SseClient.Event nextOf(SseClient client, String itemId, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            SseClient.Event event = client.next(Duration.ofNanos(Math.max(0, left)));
            if (event == null || data(event).get("itemId").asText().equals(itemId)) {
                return event;
            }
        }
    }

    @Test
    void aSubscriberSeesACommandsEventWithin100Milliseconds() throws Exception {
        try (SseClient client = subscribe("", null)) {
            Api.Response created = api.post(ITEMS, TestTokens.ADMIN, Items.simple("FEED-1")).send();
            assertThat(created.status()).isEqualTo(201);
            SseClient.Event event = nextOf(client, "wi-FEED-1", Duration.ofMillis(100));
            assertThat(event).as("WorkItemCreated within 100 ms of the 201").isNotNull();
            assertThat(event.name()).isEqualTo("WorkItemCreated");
            for (String action : new String[] {"mark-ready", "start-execution"}) {
                assertThat(api.post(Items.actionPath("wi-FEED-1", action), TestTokens.ADMIN, null).send().status())
                        .isEqualTo(200);
                SseClient.Event moved = nextOf(client, "wi-FEED-1", Duration.ofMillis(100));
                assertThat(moved).as(action + " within 100 ms of its 200").isNotNull();
                assertThat(Long.parseLong(moved.id())).isGreaterThan(Long.parseLong(event.id()));
                event = moved;
            }
            assertThat(data(event).get("laneAfter").asText()).isEqualTo("In Progress");
            assertThat(data(event).get("actor").asText()).isEqualTo("admin");
        }
    }

    @Test
    void aClientReconnectingWithItsLastIdMissesNothingAndSeesNothingTwice() throws Exception {
        List<Long> seen = new ArrayList<>();
        String lastId;
        try (SseClient first = subscribe("?item=wi-FEED-2", null)) {
            assertThat(api.post(ITEMS, TestTokens.ADMIN, Items.simple("FEED-2")).send().status()).isEqualTo(201);
            api.post(Items.actionPath("wi-FEED-2", "mark-ready"), TestTokens.ADMIN, null).send();
            api.post(Items.actionPath("wi-FEED-2", "start-execution"), TestTokens.ADMIN, null).send();
            for (int i = 0; i < 2; i++) {
                SseClient.Event event = first.next(Duration.ofSeconds(10));
                assertThat(event).isNotNull();
                seen.add(Long.parseLong(event.id()));
            }
            lastId = Long.toString(seen.get(seen.size() - 1));
        }
        api.post(Items.actionPath("wi-FEED-2", "request-review"), TestTokens.ADMIN, null).send();
        api.post(Items.actionPath("wi-FEED-2", "record-history"), TestTokens.ADMIN, null).send();
        List<Long> logged = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY globalIndex", Long.class, "wi-FEED-2");
        assertThat(logged).hasSize(5);
        try (SseClient second = subscribe("?item=wi-FEED-2", lastId)) {
            while (seen.size() < logged.size()) {
                SseClient.Event event = second.next(Duration.ofSeconds(10));
                assertThat(event).as("seen so far " + seen).isNotNull();
                seen.add(Long.parseLong(event.id()));
            }
            assertThat(second.next(Duration.ofMillis(300))).as("nothing after the last event").isNull();
        }
        assertThat(seen).containsExactlyElementsOf(logged);
    }

    @Test
    void theLaneFilterShowsItemsEnteringAndLeavingTheLane() throws Exception {
        try (SseClient client = subscribe("?lane=in-progress", null)) {
            assertThat(api.post(ITEMS, TestTokens.ADMIN, Items.simple("FEED-3")).send().status()).isEqualTo(201);
            for (String action : new String[] {"mark-ready", "start-execution", "request-review", "complete"}) {
                assertThat(api.post(Items.actionPath("wi-FEED-3", action), TestTokens.ADMIN, null).send().status())
                        .isEqualTo(200);
            }
            SseClient.Event entered = nextOf(client, "wi-FEED-3", Duration.ofSeconds(10));
            SseClient.Event left = nextOf(client, "wi-FEED-3", Duration.ofSeconds(10));
            assertThat(data(entered).get("laneBefore").asText()).isEqualTo("Ready");
            assertThat(data(entered).get("laneAfter").asText()).isEqualTo("In Progress");
            assertThat(data(left).get("laneBefore").asText()).isEqualTo("In Progress");
            assertThat(data(left).get("laneAfter").asText()).isEqualTo("Review");
            assertThat(nextOf(client, "wi-FEED-3", Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aQuietStreamGetsHeartbeats() throws Exception {
        try (SseClient client = subscribe("?item=wi-QUIET-1", null)) {
            assertThat(client.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
            assertThat(client.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
        }
    }

    @Test
    void openStreamsAreCappedAndASlotFreesWhenAClientLeaves() throws Exception {
        ChangeFeed feed = service.bean(ChangeFeed.class);
        awaitOpen(feed, 0);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                clients.add(subscribe("", null));
            }
            SseClient refused = SseClient.open(service.port(), FEED, TestTokens.ADMIN, null);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.errorBody()).contains("feed-full");
            clients.remove(0).close();
            awaitOpen(feed, MAX_STREAMS - 1);
            clients.add(subscribe("", null));
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void theFeedNeedsTheAuditPermissionAndValidInput() {
        assertThat(SseClient.open(service.port(), FEED, TestTokens.READER, null).status()).isEqualTo(403);
        assertThat(SseClient.open(service.port(), FEED, null, null).status()).isEqualTo(401);
        assertThat(SseClient.open(service.port(), FEED + "?lane=sideways", TestTokens.ADMIN, null).status())
                .isEqualTo(400);
        assertThat(SseClient.open(service.port(), FEED + "?item=nope", TestTokens.ADMIN, null).status())
                .isEqualTo(400);
        SseClient pastHead = SseClient.open(service.port(), FEED, TestTokens.ADMIN, "999999999");
        assertThat(pastHead.status()).isEqualTo(400);
        assertThat(pastHead.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void awaitOpen(ChangeFeed feed, int expected) {
        Eventually.await(Duration.ofSeconds(10), feed::openStreams, open -> open == expected,
                expected + " open streams");
    }
}
