package com.buildfactory.controlplane.ops.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/deploy/setup-host.sh changes a real VPS, so here it runs only with --dry-run: the commands and
 * files it prints are the contract the runbook's first-time setup relies on.
 */
class DeployHostSetupTest {

    @TempDir
    Path temp;

    @Test
    void aDryRunPrintsTheWholeSetupForBothEnvironmentsWithoutTouchingTheHost() throws Exception {
        Scripts.Result result = setup("--domain", "example.org", "--acme-email", "ops@example.org",
                "--deploy-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA github-actions", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output())
                .contains("apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless caddy")
                .contains("--shell /usr/sbin/nologin control-plane")
                .contains("install -d -m 755 -o deploy -g deploy /opt/control-plane/staging")
                .contains("install -d -m 755 -o deploy -g deploy /opt/control-plane/production")
                .contains("# /etc/control-plane/staging.env (640 root:control-plane)")
                .contains("SERVER_PORT=8081", "SERVER_PORT=8080")
                .contains("CONTROL_PLANE_BACKUP_S3_PREFIX=staging/", "CONTROL_PLANE_BACKUP_S3_PREFIX=production/")
                .contains("/etc/systemd/system/control-plane@.service")
                .contains("visudo -cf")
                .contains("Environment=CONTROL_PLANE_DOMAIN=example.org")
                .contains("systemctl enable control-plane@staging")
                .contains("systemctl enable control-plane@production")
                .contains("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA github-actions");
    }

    @Test
    void itRefusesAnUnknownEnvironmentOrAMissingDeployKey() throws Exception {
        assertThat(setup("--domain", "example.org", "--acme-email", "ops@example.org",
                "--deploy-key", "ssh-ed25519 AAAA k", "--environments", "qa", "--dry-run").output())
                .contains("unknown environment qa");
        assertThat(setup("--domain", "example.org", "--acme-email", "ops@example.org", "--dry-run").exitCode())
                .isEqualTo(1);
    }

    private Scripts.Result setup(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash",
                Scripts.repositoryRoot().resolve("ops/deploy/setup-host.sh").toString()));
        command.addAll(List.of(args));
        return Scripts.run(temp, Map.of(), command);
    }
}
