package com.buildfactory.controlplane.application.storage;


import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight clients at once, on one hot item and on many items: no stall, no 5xx, and the log holds exactly the events
 * that the acknowledged commands produced (an applied or blocked action writes one, an already-done answer none).
 */
class ConcurrentCommandsTest {

    private static final int CLIENTS = 8;
    private static final int COMMANDS_PER_CLIENT = 60;

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.snapshots.every", "10"));
        api = service.api();
        jdbc = service.jdbc();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void eightClientsOnOneHotItemProduceExactlyTheAcknowledgedEvents() throws Exception {
        String id = "wi-HOT-1";
        api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("HOT-1")).send();
        for (String action : List.of("mark-ready", "start-execution")) {
            api.post(Items.actionPath(id, action), TestTokens.ADMIN, null).send();
        }
        long before = eventsOf(id);
        Tally tally = runClients(client -> {
            String action = client % 2 == 0 ? "request-review" : "request-changes";
            return api.post(Items.actionPath(id, action), TestTokens.ADMIN, null).send();
        });
        assertThat(tally.serverErrors.get()).isZero();
        assertThat(eventsOf(id) - before).isEqualTo(tally.eventProducing.get());
        assertThat(tally.eventProducing.get()).isPositive();
        awaitSnapshotOf(id);
    }

    @Test
    void eightClientsOnManyItemsProduceExactlyTheAcknowledgedEvents() throws Exception {
        long before = allEvents();
        Tally tally = runClients(client -> {
            int n = (int) (Math.random() * 1_000_000);
            return api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("MANY-" + (client + 1) + n))
                    .send();
        });
        assertThat(tally.serverErrors.get()).isZero();
        assertThat(allEvents() - before).isEqualTo(tally.eventProducing.get());
    }

    private interface Client {
        Api.Response call(int client);
    }

    private static final class Tally {
        final AtomicLong eventProducing = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
    }

    private static Tally runClients(Client client) throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNumber = c;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
                    Api.Response response = client.call(clientNumber + i);
                    if (response.status() >= 500) {
                        tally.serverErrors.incrementAndGet();
                    } else if (producedAnEvent(response)) {
                        tally.eventProducing.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return tally;
    }

    private static boolean producedAnEvent(Api.Response response) {
        if (response.status() == 201 || response.status() == 409 && response.body().contains("gate-blocked")) {
            return true;
        }
        return response.status() == 200 && response.json().at("/actionResult/outcome").asText().equals("applied");
    }

    private static long eventsOf(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                id);
    }

    /** Snapshots are taken every 10 events here, on their own thread after the command committed. */
    private static void awaitSnapshotOf(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (jdbc.queryForObject("SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                    Long.class, id) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No snapshot of " + id + " was taken");
    }

    private static long allEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }
}
