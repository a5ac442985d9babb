package com.buildfactory.controlplane.application.metrics;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/prometheus of the running service: behind a factory.admin token, with commands by action and outcome,
 * latency and queue-wait histograms, group-commit sizes, processor lag, backup, drill and scrub results, file sizes
 * and the JVM; and every metric the alert rules and the Grafana dashboard use is one the service serves.
 */
class MetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\b(control_plane_[a-z_]+|jvm_[a-z_]+)\\b");

    @TempDir
    Path dataDir;

    @Test
    void metricsNeedAnAdminTokenAndCoverWhatTheAlertsAndTheDashboardUse() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false"))) {
            Api api = service.api();
            assertThat(api.get("/api/prometheus", null).send().status()).isEqualTo(401);
            assertThat(api.get("/api/prometheus", TestTokens.READER).send().status()).isEqualTo(403);

            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("MT-1")).send().status())
                    .isEqualTo(201);
            assertThat(api.post(Items.actionPath("wi-MT-1", "mark-ready"), TestTokens.ADMIN, null).send().status())
                    .isEqualTo(200);
            assertThat(api.post(Items.actionPath("wi-MT-1", "complete"), TestTokens.ADMIN, null).send().status())
                    .isEqualTo(409);
            assertThat(api.post("/api/admin/backups?kind=full", TestTokens.ADMIN, null).send().status())
                    .isEqualTo(201);

            Api.Response scrape = api.get("/api/prometheus", TestTokens.ADMIN).send();
            assertThat(scrape.status()).isEqualTo(200);
            String text = scrape.body();
            assertThat(text)
                    .contains("control_plane_commands_total{action=\"create-work-item\",outcome=\"ok\"} 1.0")
                    .contains("control_plane_commands_total{action=\"mark-ready\",outcome=\"applied\"} 1.0")
                    .contains("control_plane_commands_total{action=\"complete\",outcome=\"blocked\"} 1.0")
                    .contains("control_plane_command_duration_seconds_bucket{action=\"mark-ready\",le=")
                    .contains("control_plane_write_queue_wait_seconds_count")
                    .contains("control_plane_group_commit_size_count")
                    .contains("control_plane_processor_lag_events{processor=\"read-models\"}")
                    .contains("control_plane_processor_running{processor=\"read-models\"} 1.0")
                    .contains("control_plane_processor_behind_seconds{processor=\"read-models\"}")
                    .contains("control_plane_database_file_bytes{file=\"wal\"}")
                    .contains("control_plane_backup_last_run_failed 0.0")
                    .contains("jvm_memory_used_bytes");
            assertThat(value(text, "control_plane_backup_last_success_size_bytes")).isPositive();
            assertThat(value(text, "control_plane_database_file_bytes{file=\"database\"}")).isPositive();

            Set<String> used = new TreeSet<>();
            Path monitoring = Path.of("..", "ops", "monitoring");
            for (Path file : new Path[] {monitoring.resolve("prometheus/control-plane-alerts.yml"),
                    monitoring.resolve("grafana-dashboard.json")}) {
                Matcher names = METRIC.matcher(Files.readString(file));
                while (names.find()) {
                    used.add(names.group(1));
                }
            }
            assertThat(used).hasSizeGreaterThan(10);
            assertThat(used).allSatisfy(name -> assertThat(text).as("served: " + name).contains(name));
        }
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample of " + series));
    }
}
