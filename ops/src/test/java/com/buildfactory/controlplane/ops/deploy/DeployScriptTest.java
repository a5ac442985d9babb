package com.buildfactory.controlplane.ops.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs ops/deploy/deploy.sh with bash against a temporary DEPLOY_ROOT. The "service" is a
 * {@link HealthEndpointStub}; the restart command is a stub that makes the stub serve whatever the
 * current release's jar says (UP or DOWN) and records which release it restarted.
 */
class DeployScriptTest {

    @TempDir
    Path temp;

    private Path deployRoot;
    private Path restarts;
    private HealthEndpointStub health;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void startFakeService() throws IOException {
        deployRoot = temp.resolve("opt/control-plane/staging");
        restarts = temp.resolve("restarts.log");
        health = new HealthEndpointStub(temp.resolve("served"));
        env.put("DEPLOY_ROOT", deployRoot.toString());
        env.put("RESTART_COMMAND", "cp \"$DEPLOY_ROOT/current/control-plane.jar\" '" + health.served()
                + "' && echo \"$CURRENT_RELEASE\" >> '" + restarts + "'");
        env.put("HEALTH_URL", health.url());
        env.put("HEALTH_TIMEOUT", "2");
        env.put("HEALTH_INTERVAL", "0.2");
        env.put("KEEP_RELEASES", "3");
    }

    @AfterEach
    void stopFakeService() {
        health.close();
    }

    @Test
    void aHealthyReleaseBecomesCurrentAndIsRestarted() throws Exception {
        Scripts.Result result = deploy("a1b2c3d", "UP");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(linkTarget("current")).isEqualTo("releases/a1b2c3d");
        assertThat(restartedReleases()).containsExactly("a1b2c3d");
        assertThat(deployRoot.resolve("releases/a1b2c3d/control-plane.jar")).hasContent("UP");
        assertThat(Files.readString(deployRoot.resolve("releases/a1b2c3d/control-plane.jar.sha256")))
                .matches("[0-9a-f]{64}\\n");
        assertThat(Files.readString(deployRoot.resolve("deploy.log"))).contains("healthy release=a1b2c3d");
    }

    @Test
    void theNextHealthyReleaseLeavesTheOneBeforeItAsPrevious() throws Exception {
        deploy("r1", "UP");
        Scripts.Result result = deploy("r2", "UP");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(linkTarget("current")).isEqualTo("releases/r2");
        assertThat(linkTarget("previous")).isEqualTo("releases/r1");
        assertThat(Files.isSymbolicLink(deployRoot.resolve("current"))).isTrue();
        try (Stream<Path> leftovers = Files.list(deployRoot)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".current."));
        }
    }

    @Test
    void aReleaseThatNeverBecomesHealthyIsRolledBackToThePreviousOne() throws Exception {
        deploy("r1", "UP");
        Scripts.Result result = deploy("r2", "DOWN");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
        assertThat(linkTarget("previous")).isEqualTo("releases/r2");
        assertThat(restartedReleases()).containsExactly("r1", "r2", "r1");
        assertThat(health.served()).hasContent("UP");
        assertThat(result.output()).contains("not healthy after 2s").contains("rolled back to r1")
                .contains("last answer: HTTP 503 {\"status\":\"DOWN\"");
        assertThat(Files.readString(deployRoot.resolve("deploy.log")))
                .contains("unhealthy release=r2")
                .contains("rolled-back from=r2 to=r1 healthy");
    }

    @Test
    void onlyTheOverallStatusCountsNotAnUpComponentInsideAnotherStatus() throws Exception {
        deploy("r1", "UP");
        Scripts.Result result = deploy("r2", "UNKNOWN");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
    }

    @Test
    void anUnhealthyFirstReleaseHasNothingToRollBackToAndFailsLoudly() throws Exception {
        Scripts.Result result = deploy("r1", "DOWN");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).contains("no previous release to roll back to");
    }

    @Test
    void aFailingRestartCommandCountsAsUnhealthyAndRollsBack() throws Exception {
        deploy("r1", "UP");
        String working = env.get("RESTART_COMMAND");
        env.put("RESTART_COMMAND", "[ \"$CURRENT_RELEASE\" = r2 ] && exit 7; " + working);

        Scripts.Result result = deploy("r2", "UP");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.output()).contains("restart command failed");
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
    }

    @Test
    void onlyTheNewestReleasesAreKept() throws Exception {
        for (String release : List.of("r1", "r2", "r3", "r4", "r5")) {
            assertThat(deploy(release, "UP").exitCode()).isZero();
        }

        assertThat(releases()).containsExactlyInAnyOrder("r3", "r4", "r5");
        assertThat(linkTarget("current")).isEqualTo("releases/r5");
        assertThat(linkTarget("previous")).isEqualTo("releases/r4");
    }

    @Test
    void retentionNeverDeletesThePreviousReleaseEvenWhenItIsOlderThanTheRest() throws Exception {
        env.put("KEEP_RELEASES", "2");
        deploy("r1", "UP");
        deploy("r2", "UP");
        assertThat(deploy("r3", "DOWN").exitCode()).isEqualTo(2);
        assertThat(deploy("r4", "UP").exitCode()).isZero();

        assertThat(linkTarget("current")).isEqualTo("releases/r4");
        assertThat(linkTarget("previous")).isEqualTo("releases/r2");
        assertThat(releases()).containsExactlyInAnyOrder("r2", "r4");
    }

    @Test
    void aManualRollbackSwitchesToThePreviousReleaseAndRestartsIt() throws Exception {
        deploy("r1", "UP");
        deploy("r2", "UP");

        Scripts.Result result = script("rollback");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
        assertThat(linkTarget("previous")).isEqualTo("releases/r2");
        assertThat(restartedReleases()).containsExactly("r1", "r2", "r1");
        assertThat(script("status").output()).contains("current=r1").contains("previous=r2");
    }

    @Test
    void aReleaseWhoseJarWasDamagedAfterUploadIsNotSwitchedTo() throws Exception {
        deploy("r1", "UP");
        Path jar = fakeJar("r2", "UP");

        Scripts.Result result = script("deploy", "--jar", jar.toString(), "--release", "r2",
                "--sha256", "0".repeat(64));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.output()).contains("upload damaged");
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
    }

    @Test
    void anOlderReleaseStillOnTheHostCanBeDeployedAgainInPlace() throws Exception {
        deploy("r1", "UP");
        deploy("r2", "UP");
        Path keptJar = deployRoot.resolve("releases/r1/control-plane.jar");

        Scripts.Result result = script("deploy", "--jar", keptJar.toString(), "--release", "r1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(linkTarget("current")).isEqualTo("releases/r1");
        assertThat(linkTarget("previous")).isEqualTo("releases/r2");
    }

    @Test
    void aKeptReleaseWhoseJarNoLongerMatchesItsChecksumIsNotDeployedAgain() throws Exception {
        deploy("r1", "UP");
        deploy("r2", "UP");
        Path keptJar = deployRoot.resolve("releases/r1/control-plane.jar");
        Files.writeString(keptJar, "UP, but bit-rotted");

        Scripts.Result result = script("deploy", "--jar", keptJar.toString(), "--release", "r1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.output()).contains("checksum mismatch");
        assertThat(linkTarget("current")).isEqualTo("releases/r2");
    }

    @Test
    void withoutDeployRootNothingHappens() throws Exception {
        env.remove("DEPLOY_ROOT");

        Scripts.Result result = deploy("r1", "UP");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("set DEPLOY_ROOT");
        assertThat(restartedReleases()).isEmpty();
    }

    @Test
    void aSecondDeployWhileOneIsRunningIsRefused() throws Exception {
        deploy("r1", "UP");
        Path lock = deployRoot.resolve(".deploy.lock");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "30").start();
        try {
            for (int i = 0; i < 100 && new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor() == 0; i++) {
                Thread.sleep(50);
            }
            Scripts.Result result = deploy("r2", "UP");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("another deploy is running");
            assertThat(linkTarget("current")).isEqualTo("releases/r1");
        } finally {
            holder.destroy();
        }
    }

    @Test
    void aReleaseIdThatCouldEscapeTheReleasesFolderIsRefused() throws Exception {
        Scripts.Result result = script("deploy", "--jar", fakeJar("x", "UP").toString(), "--release", "../x");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(Files.exists(deployRoot.resolve("current"))).isFalse();
    }

    @Test
    void remoteDeployUploadsTheJarAndRunsTheSameScriptOverSshWithThePinnedHostKey() throws Exception {
        Path calls = temp.resolve("ssh-calls.log");
        Path fakeSsh = executable("fake-ssh", """
                #!/usr/bin/env bash
                # Accepts ssh's options, records them, and runs the remote command locally in an
                # empty environment, as a fresh SSH session would: only what the command line
                # carries reaches the remote deploy.sh.
                echo "ssh $*" >> '%s'
                while [[ "$1" == -* ]]; do shift 2; done
                host="$1"; shift
                [[ "$host" == deploy@staging.example.org ]] || exit 255
                exec env -i PATH="$PATH" HOME="$HOME" bash -c "$*"
                """.formatted(calls));
        Path fakeScp = executable("fake-scp", """
                #!/usr/bin/env bash
                echo "scp $*" >> '%s'
                while [[ "$1" == -* ]]; do if [[ "$1" == -q ]]; then shift; else shift 2; fi; done
                cp "$1" "${2#*:}"
                """.formatted(calls));
        env.put("SSH_COMMAND", fakeSsh.toString());
        env.put("SCP_COMMAND", fakeScp.toString());
        env.put("SSH_KNOWN_HOSTS", temp.resolve("known_hosts").toString());

        Scripts.Result result = script("remote-deploy", "--host", "deploy@staging.example.org",
                "--jar", fakeJar("c0ffee1", "UP").toString(), "--release", "c0ffee1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(linkTarget("current")).isEqualTo("releases/c0ffee1");
        assertThat(restartedReleases()).containsExactly("c0ffee1");
        assertThat(deployRoot.resolve("incoming/c0ffee1.jar")).doesNotExist();
        assertThat(Files.readAllLines(calls))
                .allSatisfy(call -> assertThat(call)
                        .contains("StrictHostKeyChecking=yes")
                        .contains("UserKnownHostsFile=" + temp.resolve("known_hosts"))
                        .contains("BatchMode=yes"));
    }

    private Scripts.Result deploy(String release, String health) throws Exception {
        return script("deploy", "--jar", fakeJar(release, health).toString(), "--release", release);
    }

    private Scripts.Result script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash",
                Scripts.repositoryRoot().resolve("ops/deploy/deploy.sh").toString()));
        command.addAll(List.of(args));
        return Scripts.run(temp, env, command);
    }

    private Path fakeJar(String release, String health) throws IOException {
        Path jar = temp.resolve("build/" + release + "/control-plane.jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, health);
    }

    private Path executable(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private String linkTarget(String link) throws IOException {
        return Files.readSymbolicLink(deployRoot.resolve(link)).toString();
    }

    private List<String> restartedReleases() throws IOException {
        return Files.exists(restarts) ? Files.readAllLines(restarts) : List.of();
    }

    private List<String> releases() throws IOException {
        try (Stream<Path> dirs = Files.list(deployRoot.resolve("releases"))) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        }
    }
}
