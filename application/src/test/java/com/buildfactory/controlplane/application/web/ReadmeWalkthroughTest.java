package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's walk-through script against a running service, as a reader would. */
class ReadmeWalkthroughTest {

    @TempDir
    Path dataDir;

    @Test
    void walkthroughReproducesTheSeedPage() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            Path script = Path.of("..", "scripts", "walkthrough.sh").toAbsolutePath().normalize();
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            builder.environment().put("TOKEN", TestTokens.ADMIN);
            builder.environment().put("BASE_URL", "http://127.0.0.1:" + service.port());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("201 ")
                    .contains("\"lane\":\"Done\"")
                    .contains("Done items stay closed; Start execution cannot move them backward.")
                    .contains("Done items stay closed; Request review cannot move them backward.")
                    .contains("\"identity\":\"prepare-release\",\"label\":\"Prepare release\","
                            + "\"description\":\"Run release-preparation checks for the work item.\",\"enabled\":true")
                    .contains("\"identity\":\"record-history\",\"label\":\"Record history\","
                            + "\"description\":\"Capture history snapshots for audit and validation views.\","
                            + "\"enabled\":true");
        }
    }
}
