package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.SseClient;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed on two nodes sharing one PostgreSQL database: a command acknowledged on one node reaches a
 * subscriber of the other, every event once and in log order while both nodes append side by side, and a client
 * that reconnects to the other node with its Last-Event-ID misses nothing and sees nothing twice.
 */
class ChangeFeedCrossNodeTest {

    private static final String FEED = "/api/feed/events";
    private static final String ITEMS = "/api/control-plane/items";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataA;
    @TempDir
    static Path dataB;
    static RunningService nodeA;
    static RunningService nodeB;
    static JdbcTemplate log;

    @BeforeAll
    static void startTwoNodes() {
        String database = TestPostgres.freshDatabase();
        nodeA = RunningService.start(dataA, properties(database, "node-a"));
        nodeB = RunningService.start(dataB, properties(database, "node-b"));
        log = nodeA.bean(JdbcTemplate.class);
        send(nodeA.api(), "XSTART-1", List.of(), ConcurrentHashMap.newKeySet());
    }

    static Map<String, String> properties(String database, String nodeId) {
        Map<String, String> properties = new HashMap<>(TestPostgres.nodeProperties(database, nodeId));
        properties.put("control-plane.feed.heartbeat", "200ms");
        return properties;
    }

    @AfterAll
    static void stop() {
        for (RunningService node : new RunningService[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aCommandOnNodeAReachesNodeBsFeedAndAReconnectToNodeAMissesNothing() throws Exception {
        List<Received> received = new ArrayList<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        long start;
        try (SseClient onB = subscribe(nodeB, null)) {
            start = head();
            send(nodeA.api(), "XA-1", List.of("mark-ready", "start-execution"), acknowledged);
            while (received.size() < 3) {
                received.add(next(onB, "events of wi-XA-1 on node B, after " + received));
            }
        }
        String lastId = Long.toString(received.get(received.size() - 1).position());
        send(nodeA.api(), "XA-2", List.of("mark-ready"), acknowledged);
        send(nodeB.api(), "XA-3", List.of(), acknowledged);
        try (SseClient onA = subscribe(nodeA, lastId)) {
            while (received.size() < acknowledged.size()) {
                received.add(next(onA, "the events after " + lastId + " on node A, after " + received));
            }
            assertThat(onA.next(Duration.ofMillis(300))).as("nothing after the last event").isNull();
        }
        assertEveryAcknowledgedEventOnceInLogOrder(received, acknowledged, start);
    }

    @Test
    void whileBothNodesAppendNodeAsFeedHasEveryEventOnceInOrderAndAReconnectToNodeBContinuesExactly()
            throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Received> received = new ArrayList<>();
        long start = head();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> load = new ArrayList<>();
            try (SseClient onA = subscribe(nodeA, Long.toString(start))) {
                for (int c = 0; c < 4; c++) {
                    Api api = (c % 2 == 0 ? nodeA : nodeB).api();
                    String key = "XB-" + (c + 1);
                    load.add(clients.submit(() -> send(api, key, busyLifecycle(), acknowledged)));
                }
                while (received.size() < 30) {
                    received.add(next(onA, "events on node A while both nodes append, after " + received.size()));
                }
            }
            String lastId = Long.toString(received.get(received.size() - 1).position());
            try (SseClient onB = subscribe(nodeB, lastId)) {
                for (Future<?> client : load) {
                    client.get();
                }
                while (!receivedAll(received, acknowledged)) {
                    received.add(next(onB, "events after " + lastId + " on node B, after " + received.size()));
                }
                assertThat(onB.next(Duration.ofMillis(300))).as("nothing after the last event").isNull();
            }
        } finally {
            clients.shutdownNow();
        }
        assertEveryAcknowledgedEventOnceInLogOrder(received, acknowledged, start);
    }

    /** Into review and back, several times: one event per command. */
    private static List<String> busyLifecycle() {
        List<String> actions = new ArrayList<>(List.of("mark-ready", "start-execution"));
        for (int n = 0; n < 8; n++) {
            actions.add("request-review");
            actions.add("request-changes");
        }
        return actions;
    }

    /** Creates the item and runs the actions on one node; records "item@version" for each acknowledged command. */
    private static Void send(Api api, String key, List<String> actions, Set<String> acknowledged) {
        String id = "wi-" + key;
        Api.Response created = api.post(ITEMS, TestTokens.ADMIN, Items.simple(key)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        acknowledged.add(id + "@0");
        for (String action : actions) {
            Api.Response answer = api.post(Items.actionPath(id, action), TestTokens.ADMIN, null).send();
            assertThat(answer.status()).as(action + " " + answer).isEqualTo(200);
            acknowledged.add(id + "@" + answer.header("Item-Version"));
        }
        return null;
    }

    private record Received(long position, String itemId, long sequenceNumber) {
        String command() {
            return itemId + "@" + sequenceNumber;
        }
    }

    private static SseClient subscribe(RunningService node, String lastEventId) throws InterruptedException {
        SseClient client = SseClient.open(node.port(), FEED, TestTokens.ADMIN, lastEventId);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.nextComment(Duration.ofSeconds(10))).as("the stream opened").isEqualTo("connected");
        return client;
    }

    private static Received next(SseClient client, String what) throws Exception {
        SseClient.Event event = client.next(Duration.ofSeconds(5));
        assertThat(event).as(what).isNotNull();
        JsonNode data = JSON.readTree(event.data());
        assertThat(data.get("position").asLong()).isEqualTo(Long.parseLong(event.id()));
        return new Received(data.get("position").asLong(), data.get("itemId").asText(),
                data.get("sequenceNumber").asLong());
    }

    private static boolean receivedAll(List<Received> received, Set<String> acknowledged) {
        return received.stream().map(Received::command).toList().containsAll(acknowledged);
    }

    private static long head() {
        Long head = log.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
    }

    /** Strictly rising positions (so nothing twice), each acknowledged command, and exactly the log after start. */
    private static void assertEveryAcknowledgedEventOnceInLogOrder(List<Received> received, Set<String> acknowledged,
                                                                   long start) {
        for (int i = 1; i < received.size(); i++) {
            assertThat(received.get(i).position()).as("positions in log order at %d: %s", i, received)
                    .isGreaterThan(received.get(i - 1).position());
        }
        assertThat(received.stream().map(Received::command).toList()).containsAll(acknowledged);
        long last = received.get(received.size() - 1).position();
        List<Received> logged = log.query("SELECT globalIndex, aggregateIdentifier, sequenceNumber"
                        + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex",
                (row, n) -> new Received(row.getLong(1), row.getString(2), row.getLong(3)), start, last);
        assertThat(received).containsExactlyElementsOf(logged);
    }
}
