package com.buildfactory.controlplane.application.storage;


import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.ServiceProcess;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is a separate process, killed with SIGKILL while 8 clients create items. Every item it acknowledged
 * with 201 must be in the log after a restart: a 2xx means the events were durable.
 */
class KillUnderLoadTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedCommandSurvivesSigkill() throws Exception {
        int port = ServiceProcess.freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServiceProcess service = ServiceProcess.start(dataDir, port)) {
            Api api = service.api();
            service.awaitAnswering();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c + 1;
                clients.submit(() -> {
                    for (int n = 1; running.get(); n++) {
                        String key = "K" + client + "-" + n;
                        try {
                            Api.Response created = api.post("/api/control-plane/items", TestTokens.ADMIN,
                                    Items.simple(key)).send();
                            if (created.status() == 201) {
                                acknowledged.add("wi-" + key);
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            service.kill();
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);

        try (ServiceProcess restarted = ServiceProcess.start(dataDir, port)) {
            restarted.awaitAnswering();
            assertThat(storedItemIds()).containsAll(acknowledged);
        }
    }

    private List<String> storedItemIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("control-plane.db"));
             PreparedStatement query = connection.prepareStatement(
                     "SELECT aggregateIdentifier FROM DomainEventEntry WHERE sequenceNumber = 0");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

}
