package com.buildfactory.controlplane.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert rules under ops/monitoring/prometheus, checked and unit-tested with Debian's promtool (`promtool test
 * rules`: series in, alerts out), the example scrape configuration checked, and the Grafana dashboard read as JSON.
 * Without promtool the test is skipped, except with CI=true, where that is a failure.
 */
class PrometheusRulesTest {

    private final Path monitoring = Scripts.repositoryRoot().resolve("ops/monitoring");

    @Test
    void theAlertRulesAreValidAndPassTheirUnitTests() throws Exception {
        String promtool = ScriptAndWorkflowLintTest.requireTool("promtool");
        Path rules = monitoring.resolve("prometheus");

        Scripts.Result checked = Scripts.run(rules, Map.of(), List.of(promtool, "check", "rules",
                "control-plane-alerts.yml"));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS: 13 rules found");

        Scripts.Result tested = Scripts.run(rules, Map.of(), List.of(promtool, "test", "rules",
                "control-plane-alerts.test.yml"));
        assertThat(tested.exitCode()).as(tested.output()).isZero();
        assertThat(tested.output()).contains("SUCCESS");

        Scripts.Result config = Scripts.run(rules, Map.of(), List.of(promtool, "check", "config", "--syntax-only",
                "prometheus.example.yml"));
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    void theDashboardIsGrafanaJsonWithAQueryInEveryPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(monitoring.resolve("grafana-dashboard.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("control-plane");
        assertThat(dashboard.get("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.get("title").asText()).isNotBlank();
            assertThat(panel.get("targets")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.get("expr").asText()).isNotBlank());
        });
    }
}
