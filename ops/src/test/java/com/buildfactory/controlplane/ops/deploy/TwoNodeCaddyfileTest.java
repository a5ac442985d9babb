package com.buildfactory.controlplane.ops.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two-node layout's Caddyfile: valid for Debian's Caddy, both nodes behind one name, health-checked. */
class TwoNodeCaddyfileTest {

    private static final String CONFIG = "ops/deploy/two-nodes/Caddyfile";
    private static final Map<String, String> ENV = Map.of("CONTROL_PLANE_DOMAIN", "control-plane.example.org",
            "ACME_EMAIL", "ops@example.org", "NODE_A", "10.0.0.11:8080", "NODE_B", "10.0.0.12:8080");

    private final Path root = Scripts.repositoryRoot();

    @Test
    void bothNodesAreBalancedAndHealthChecked() throws Exception {
        String caddy = ScriptAndWorkflowLintTest.requireTool("caddy");

        Scripts.Result validated = Scripts.run(root, ENV,
                List.of(caddy, "validate", "--config", CONFIG, "--adapter", "caddyfile"));
        assertThat(validated.exitCode()).as(validated.output()).isZero();
        assertThat(validated.output()).contains("Valid configuration");

        Scripts.Result adapted = Scripts.run(root, ENV,
                List.of(caddy, "adapt", "--config", CONFIG, "--adapter", "caddyfile"));
        assertThat(adapted.output())
                .contains("\"control-plane.example.org\"", "10.0.0.11:8080", "10.0.0.12:8080")
                .contains("\"uri\":\"/api/health\"", "round_robin")
                .doesNotContain("\"level\":\"warn\"");
    }
}
