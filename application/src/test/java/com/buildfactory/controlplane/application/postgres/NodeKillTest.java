package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.ServiceProcess;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes on one PostgreSQL database, both taking commands from four clients each; node B is killed
 * with SIGKILL. Every command either node acknowledged is in the log, node A takes node B's segments over once the
 * claim timeout has passed, and every acknowledged item reaches the read models exactly once.
 */
class NodeKillTest {

    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    @Test
    void aKilledNodeLosesNoAcknowledgedCommandAndItsSegmentsAreTakenOver() throws Exception {
        String database = TestPostgres.freshDatabase();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServiceProcess nodeA = ServiceProcess.start(dataA, properties(database, "node-a"));
             ServiceProcess nodeB = ServiceProcess.start(dataB, properties(database, "node-b"))) {
            await(Duration.ofSeconds(30), () -> owners(database, "node-b"), n -> n == 2,
                    "node-b holding its fair share (2 of 4 segments)");
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                Api api = (c % 2 == 0 ? nodeA : nodeB).api();
                String client = (c % 2 == 0 ? "A" : "B") + c;
                clients.submit(() -> createAndMarkReady(api, client, running, acknowledged));
            }
            await(Duration.ofSeconds(60), acknowledged::size, n -> n >= 100, "100 acknowledged commands");
            nodeB.kill();
            long killed = System.nanoTime();
            int atKill = acknowledged.size();
            await(Duration.ofSeconds(30), acknowledged::size, n -> n >= atKill + 20,
                    "node A acknowledging more commands after the kill");
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(storedCommands(database)).containsAll(acknowledged);

            await(Duration.ofSeconds(30), () -> owners(database, "node-a"), n -> n == 4,
                    "node-a owning all four segments");
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf("Segments of the killed node taken over %d ms after SIGKILL (claim timeout %d ms)%n",
                    takeover.toMillis(), CLAIM_TIMEOUT.toMillis());
            assertThat(takeover).isLessThan(CLAIM_TIMEOUT.plusSeconds(5));

            Set<String> items = ConcurrentHashMap.newKeySet();
            acknowledged.forEach(command -> items.add(command.substring(0, command.indexOf('@'))));
            await(Duration.ofSeconds(20), () -> query(database, "SELECT count(*) FROM item_page p WHERE version ="
                            + " (SELECT max(sequenceNumber) FROM DomainEventEntry e WHERE e.aggregateIdentifier = p.item_id)"),
                    n -> n == query(database, "SELECT count(DISTINCT aggregateIdentifier) FROM DomainEventEntry"),
                    "every stored item's page at its last event");
            assertThat(query(database, "SELECT count(*) FROM item_page")).isGreaterThanOrEqualTo(items.size());
        }
    }

    /** Records "item@sequence" for each acknowledged command: the create is 0, mark-ready 1. */
    private static void createAndMarkReady(Api api, String client, AtomicBoolean running, Set<String> acknowledged) {
        for (int n = 1; running.get(); n++) {
            String key = "K" + client + "-" + n;
            try {
                if (api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple(key)).send().status() == 201) {
                    acknowledged.add("wi-" + key + "@0");
                    if (api.post(Items.actionPath("wi-" + key, "mark-ready"), TestTokens.ADMIN, null).send()
                            .status() == 200) {
                        acknowledged.add("wi-" + key + "@1");
                    }
                }
            } catch (RuntimeException connectionLost) {
                return;
            }
        }
    }

    private static Map<String, String> properties(String database, String nodeId) {
        Map<String, String> properties = new HashMap<>(TestPostgres.nodeProperties(database, nodeId));
        properties.put("control-plane.storage.token-claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s");
        return properties;
    }

    private static long owners(String database, String node) {
        try (Connection connection = DriverManager.getConnection(database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM TokenEntry WHERE owner = ?")) {
            statement.setString(1, node);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long query(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(database);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> storedCommands(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT aggregateIdentifier || '@' || sequenceNumber FROM DomainEventEntry")) {
            List<String> stored = new java.util.ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
            return stored;
        }
    }
}
