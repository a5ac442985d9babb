package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.application.ControlPlaneApplication;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
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
        int port = freePort();
        Process service = startService(port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            Api api = new Api(port);
            awaitHealthy(api);
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
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        } finally {
            service.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);

        Process restarted = startService(port);
        try {
            awaitHealthy(new Api(port));
            assertThat(storedItemIds()).containsAll(acknowledged);
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
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

    private Process startService(int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ControlPlaneApplication.class.getName(),
                "--server.port=" + port,
                "--control-plane.storage.data-dir=" + dataDir));
        TestTokens.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static void awaitHealthy(Api api) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/api/health", null).send().status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // the service is still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The service did not become healthy");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
