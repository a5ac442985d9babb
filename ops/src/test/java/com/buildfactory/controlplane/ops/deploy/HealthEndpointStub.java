package com.buildfactory.controlplane.ops.deploy;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for a running control plane: GET /api/health answers like Spring Boot's health endpoint,
 * 200 {"status":"UP",...} while the file {@code served} holds "UP", 200 {"status":"UNKNOWN",...} (with
 * an UP component inside) for "UNKNOWN" and 503 {"status":"DOWN",...} otherwise. The fake restart
 * command copies the release's "jar" (a text file saying UP, UNKNOWN or DOWN) into that file.
 */
final class HealthEndpointStub implements AutoCloseable {

    private final HttpServer server;
    private final Path served;

    HealthEndpointStub(Path served) throws IOException {
        this.served = served;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/health", exchange -> {
            String state = Files.exists(served) ? Files.readString(served).strip() : "DOWN";
            String json = switch (state) {
                case "UP" -> "{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"}}}";
                case "UNKNOWN" -> "{\"status\":\"UNKNOWN\",\"components\":{\"database\":{\"status\":\"UP\"}}}";
                default -> "{\"status\":\"DOWN\",\"components\":{\"database\":{\"status\":\"DOWN\"}}}";
            };
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(state.equals("UP") || state.equals("UNKNOWN") ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/health";
    }

    Path served() {
        return served;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
