package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes (two service instances in this JVM, node-a and node-b) on one PostgreSQL database: commands are accepted
 * on either, the same item decided on both at once has exactly one winner and never a 5xx, a change on one node is
 * on the other's item page well under a second, and the event processors' segments are split between the live
 * nodes, rebalanced when one joins and taken over when one leaves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

    static final List<String> PROCESSORS = List.of("read-models");

    @TempDir
    static Path dataA;
    @TempDir
    static Path dataB;
    static String database;
    static RunningService nodeA;
    static RunningService nodeB;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void startNodeA() {
        database = TestPostgres.freshDatabase();
        nodeA = RunningService.start(dataA, properties("node-a"));
        jdbc = nodeA.bean(JdbcTemplate.class);
    }

    static Map<String, String> properties(String nodeId) {
        Map<String, String> properties = new HashMap<>(TestPostgres.nodeProperties(database, nodeId));
        properties.put("control-plane.storage.token-claim-timeout", "3s");
        return properties;
    }

    @AfterAll
    static void stop() {
        for (RunningService node : new RunningService[]{nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void aJoiningNodeGetsItsFairShareOfEverySegmentedProcessor() {
        await(Duration.ofSeconds(20), () -> owners("node-a"), n -> n == 4, "node-a owning all four segments alone");
        nodeB = RunningService.start(dataB, properties("node-b"));
        await(Duration.ofSeconds(20), TwoNodesTest::ownersPerProcessor,
                split -> split.values().stream().allMatch(perNode -> perNode.equals(Map.of("node-a", 2L, "node-b", 2L))),
                "every processor's four segments split two and two");
    }

    @Test
    @Order(2)
    void aCommandOnNodeAIsOnNodeBsPageWellUnderASecond() {
        Api a = nodeA.api();
        Api b = nodeB.api();
        for (int n = 1; n <= 5; n++) {
            String id = "wi-CROSS-" + n;
            assertThat(a.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("CROSS-" + n)).send().status())
                    .isEqualTo(201);
            Api.Response ready = a.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null).send();
            assertThat(ready.status()).isEqualTo(200);
            long started = System.nanoTime();
            Api.Response page = b.get("/api/control-plane/items/" + id, TestTokens.ADMIN)
                    .header("Min-Version", ready.header("Item-Version")).send();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("lifecycle").path("lane").asText()).isEqualTo("Ready");
            assertThat(millis).as("node B shows node A's change after %d ms", millis).isLessThan(500);
        }
    }

    @Test
    @Order(3)
    void theSameItemDecidedOnBothNodesAtOnceHasExactlyOneWinner() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int n = 1; n <= 20; n++) {
                String id = "wi-RACE-" + n;
                assertThat(nodeA.api().post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RACE-" + n))
                        .send().status()).isEqualTo(201);
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
                for (RunningService node : List.of(nodeA, nodeB)) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(together);
                        return node.api().post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null).send();
                    }, clients));
                }
                List<String> outcomes = new ArrayList<>();
                for (CompletableFuture<Api.Response> answer : answers) {
                    Api.Response response = answer.get();
                    assertThat(response.status()).as(response.toString()).isIn(200, 409);
                    outcomes.add(response.status() == 200
                            ? response.json().path("actionResult").path("outcome").asText() : "conflict");
                }
                assertThat(outcomes).as(id).containsOnlyOnce("applied");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                        Long.class, id)).as(id).isEqualTo(2);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void oneKeyCreatedOnBothNodesAtOnceIsCreatedOnceAndTheOtherAnswers409() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int n = 1; n <= 10; n++) {
                String body = Items.simple("TWIN-" + n);
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Integer>> answers = new ArrayList<>();
                for (RunningService node : List.of(nodeA, nodeB)) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(together);
                        return node.api().post("/api/control-plane/items", TestTokens.ADMIN, body).send().status();
                    }, clients));
                }
                assertThat(List.of(answers.get(0).get(), answers.get(1).get())).containsExactlyInAnyOrder(201, 409);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void everyEventReachedEachReadModelOnce() {
        long items = jdbc.queryForObject("SELECT count(DISTINCT aggregateIdentifier) FROM DomainEventEntry", Long.class);
        await(Duration.ofSeconds(10), () -> jdbc.queryForObject("SELECT count(*) FROM item_page p WHERE version ="
                        + " (SELECT max(sequenceNumber) FROM DomainEventEntry e WHERE e.aggregateIdentifier = p.item_id)",
                Long.class), n -> n == items, "every item's page at its last event, once");
        // The other read models keep no state of their own: they name only items the item page holds.
        for (String table : List.of("execution_queue", "queue_truth", "history_snapshot")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " r WHERE NOT EXISTS"
                    + " (SELECT 1 FROM item_page p WHERE p.item_id = r.item_id)", Long.class)).as(table).isZero();
        }
    }

    @Test
    @Order(6)
    void whenANodeLeavesTheOtherTakesAllSegmentsOver() {
        long started = System.nanoTime();
        nodeB.close();
        nodeB = null;
        await(Duration.ofSeconds(10), () -> owners("node-a"), n -> n == 4, "node-a owning all four segments again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    static long owners(String node) {
        return jdbc.queryForObject("SELECT count(*) FROM TokenEntry WHERE owner = ?", Long.class, node);
    }

    static Map<String, Map<String, Long>> ownersPerProcessor() {
        Map<String, Map<String, Long>> split = new HashMap<>();
        PROCESSORS.forEach(p -> split.put(p, new HashMap<>()));
        jdbc.query("SELECT processorName, owner, count(*) FROM TokenEntry WHERE owner IS NOT NULL"
                + " GROUP BY processorName, owner", rows -> {
            split.computeIfAbsent(rows.getString(1), p -> new HashMap<>()).put(rows.getString(2), rows.getLong(3));
        });
        return split;
    }

    static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
