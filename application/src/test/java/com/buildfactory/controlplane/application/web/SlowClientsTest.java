package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients over real sockets against the running service: 200 unauthenticated connections that declare a body
 * and drip one byte a second leave health and authenticated reads answering; a huge declared body is refused at
 * once; a body that arrives too slowly is cut off with 408 after the read time.
 */
class SlowClientsTest {

    @TempDir
    static Path dataDir;

    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false",
                "control-plane.limits.body-read-time", "2s", "server.tomcat.connection-timeout", "3s"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void twoHundredSlowUnauthenticatedClientsLeaveHealthAndReadsAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket("127.0.0.1", service.port());
                socket.getOutputStream().write(("POST /api/control-plane/items HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            dripper.scheduleAtFixedRate(() -> slow.forEach(SlowClientsTest::dripOneByte), 1, 1, TimeUnit.SECONDS);

            Api api = service.api();
            for (int probe = 0; probe < 20; probe++) {
                assertThat(api.get("/api/health", null).send().status()).isEqualTo(200);
                assertThat(api.get("/api/control-plane/items", TestTokens.READER).send().status()).isEqualTo(200);
            }
            assertThat(statusLine(slow.get(0), 10_000)).as("refused before its body is read").startsWith("HTTP/1.1 401");
            assertThat(statusLine(slow.get(199), 10_000)).startsWith("HTTP/1.1 401");
        } finally {
            dripper.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aHugeDeclaredBodyIsRefusedWith413BeforeAnyOfItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            long started = System.nanoTime();
            socket.getOutputStream().write(("POST /api/control-plane/items HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.ADMIN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(socket, 2_000)).startsWith("HTTP/1.1 413");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        }
    }

    @Test
    void aBodyThatDripsOrStopsIsCutOffWith408AfterTheReadTime() throws Exception {
        for (boolean keepsDripping : new boolean[] {true, false}) {
            ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
            try (Socket socket = new Socket("127.0.0.1", service.port())) {
                long started = System.nanoTime();
                socket.getOutputStream().write(("POST /api/control-plane/items HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + TestTokens.ADMIN + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"k").getBytes(StandardCharsets.US_ASCII));
                if (keepsDripping) {
                    dripper.scheduleAtFixedRate(() -> dripOneByte(socket), 500, 500, TimeUnit.MILLISECONDS);
                }
                assertThat(statusLine(socket, 10_000)).as("dripping: " + keepsDripping).startsWith("HTTP/1.1 408");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(tookMillis).as("read time 2 s plus at most one 3 s read").isBetween(1_500L, 6_500L);
            } finally {
                dripper.shutdownNow();
            }
        }
        assertThat(service.api().get("/api/health", null).send().status()).isEqualTo(200);
    }

    private static void dripOneByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException closedByTheService) {
            // the service closed this connection, as it should
        }
    }

    /** The first line of the answer, waiting at most the given time for it. */
    private static String statusLine(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            return "no answer within " + timeoutMillis + " ms: " + line;
        }
        return line.toString();
    }
}
