package com.buildfactory.controlplane.ops.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Runs ops/monitoring/uptime-robot.sh against a local stand-in for Uptime Robot's API v2 that records
 * every form it receives, and with --dry-run, which must send nothing.
 */
class UptimeRobotScriptTest {

    private static final String PRODUCTION_URL = "https://example.org/api/health";
    private static final String STAGING_URL = "https://staging.example.org/api/health";
    private static final String PRODUCTION_BACKUPS_URL = "https://example.org/api/health/backup";
    private static final String STAGING_BACKUPS_URL = "https://staging.example.org/api/health/backup";

    @TempDir
    Path temp;

    private HttpServer api;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String existingMonitors = "[]";
    private volatile String newMonitorAnswer = "{\"stat\":\"ok\",\"monitor\":{\"id\":900,\"status\":1}}";

    record Request(String method, String path, Map<String, String> form) {
    }

    @BeforeEach
    void startApiStub() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v2/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, form(body)));
            String answer = switch (path) {
                case "/v2/getMonitors" -> "{\"stat\":\"ok\",\"pagination\":{\"offset\":0,\"limit\":50,\"total\":"
                        + (existingMonitors.split("\"id\"", -1).length - 1) + "},\"monitors\":" + existingMonitors + "}";
                case "/v2/newMonitor" -> newMonitorAnswer;
                case "/v2/editMonitor" -> "{\"stat\":\"ok\",\"monitor\":{\"id\":1}}";
                default -> "{\"stat\":\"fail\",\"error\":{\"type\":\"not_found\"}}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
    }

    @AfterEach
    void stopApiStub() {
        api.stop(0);
    }

    @Test
    void withNoMonitorsYetItCreatesServiceAndBackupMonitorsPerEnvironmentEveryFiveMinutes() throws Exception {
        Scripts.Result result = run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(paths()).containsExactly("/v2/getMonitors", "/v2/newMonitor", "/v2/newMonitor",
                "/v2/newMonitor", "/v2/newMonitor");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.form()).contains(entry("api_key", "u123-test-key"), entry("format", "json"));
        });
        assertThat(requests.get(1).form()).contains(
                entry("type", "1"),
                entry("url", PRODUCTION_URL),
                entry("friendly_name", "Control Plane production /api/health"),
                entry("interval", "300"),
                entry("alert_contacts", "0993765_0_0"));
        assertThat(requests.get(2).form()).contains(
                entry("type", "1"),
                entry("url", PRODUCTION_BACKUPS_URL),
                entry("friendly_name", "Control Plane production /api/health/backup"),
                entry("interval", "300"),
                entry("alert_contacts", "0993765_0_0"));
        assertThat(requests.get(3).form()).contains(
                entry("type", "1"),
                entry("url", STAGING_URL),
                entry("friendly_name", "Control Plane staging /api/health"),
                entry("interval", "300"));
        assertThat(requests.get(4).form()).contains(entry("url", STAGING_BACKUPS_URL));
        assertThat(result.output()).contains("production service: created monitor 900")
                .contains("production backups: created monitor 900");
    }

    @Test
    void anExistingMonitorIsEditedNotDuplicated() throws Exception {
        existingMonitors = """
                [{"id":777,"friendly_name":"someone else's name","url":"%s","type":1,"interval":60}]
                """.formatted(PRODUCTION_URL).strip();

        Scripts.Result result = run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(paths()).containsExactly("/v2/getMonitors", "/v2/editMonitor", "/v2/newMonitor",
                "/v2/newMonitor", "/v2/newMonitor");
        assertThat(requests.get(1).form())
                .contains(entry("id", "777"), entry("url", PRODUCTION_URL), entry("interval", "300"),
                        entry("friendly_name", "Control Plane production /api/health"))
                .doesNotContainKey("type");
        assertThat(requests.get(2).form()).contains(entry("url", PRODUCTION_BACKUPS_URL)).doesNotContainKey("id");
        assertThat(requests.get(3).form()).contains(entry("url", STAGING_URL));
    }

    @Test
    void aMonitorFoundByItsNameGetsTheNewUrlWhenTheDomainMoves() throws Exception {
        existingMonitors = """
                [{"id":11,"friendly_name":"Control Plane production /api/health","url":"https://old.example.net/api/health"},
                 {"id":12,"friendly_name":"Control Plane staging /api/health","url":"https://staging.old.example.net/api/health"},
                 {"id":13,"friendly_name":"Control Plane production /api/health/backup","url":"https://old.example.net/api/health/backup"},
                 {"id":14,"friendly_name":"Control Plane staging /api/health/backup","url":"https://staging.old.example.net/api/health/backup"}]
                """.strip();

        Scripts.Result result = run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(paths()).containsExactly("/v2/getMonitors", "/v2/editMonitor", "/v2/editMonitor",
                "/v2/editMonitor", "/v2/editMonitor");
        assertThat(requests.get(1).form()).contains(entry("id", "11"), entry("url", PRODUCTION_URL));
        assertThat(requests.get(2).form()).contains(entry("id", "13"), entry("url", PRODUCTION_BACKUPS_URL));
        assertThat(requests.get(3).form()).contains(entry("id", "12"), entry("url", STAGING_URL));
        assertThat(requests.get(4).form()).contains(entry("id", "14"), entry("url", STAGING_BACKUPS_URL));
    }

    @Test
    void anErrorFromTheApiStopsTheRunWithItsMessage() throws Exception {
        newMonitorAnswer = "{\"stat\":\"fail\",\"error\":{\"type\":\"invalid_parameter\",\"message\":\"interval too short\"}}";

        Scripts.Result result = run();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("newMonitor").contains("interval too short");
        assertThat(paths()).containsExactly("/v2/getMonitors", "/v2/newMonitor");
    }

    @Test
    void aDryRunPrintsEveryRequestWithTheKeyRedactedAndSendsNothing() throws Exception {
        Scripts.Result result = run("--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(requests).isEmpty();
        assertThat(result.output())
                .contains("POST " + apiUrl() + "/getMonitors")
                .contains("POST " + apiUrl() + "/newMonitor")
                .contains("POST " + apiUrl() + "/editMonitor")
                .contains("url=" + PRODUCTION_URL)
                .contains("url=" + STAGING_URL)
                .contains("url=" + PRODUCTION_BACKUPS_URL)
                .contains("url=" + STAGING_BACKUPS_URL)
                .contains("interval=300")
                .contains("api_key=<redacted>")
                .doesNotContain("u123-test-key");
    }

    @Test
    void withoutAnApiKeyItRefusesBeforeSendingAnything() throws Exception {
        Map<String, String> env = environment();
        env.remove("UPTIMEROBOT_API_KEY");

        Scripts.Result result = Scripts.run(temp, env, command());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("UPTIMEROBOT_API_KEY is not set");
        assertThat(requests).isEmpty();
    }

    private Scripts.Result run(String... args) throws Exception {
        return Scripts.run(temp, environment(), command(args));
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("bash",
                Scripts.repositoryRoot().resolve("ops/monitoring/uptime-robot.sh").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("UPTIMEROBOT_API_KEY", "u123-test-key");
        env.put("UPTIMEROBOT_API_URL", apiUrl());
        env.put("UPTIMEROBOT_ALERT_CONTACTS", "0993765_0_0");
        env.put("CONTROL_PLANE_DOMAIN", "example.org");
        return env;
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/v2";
    }

    private List<String> paths() {
        return requests.stream().map(Request::path).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
