package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.application.cli.OperationsCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.ServiceProcess;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `restore --replace` onto the database of a running service (a separate process holding its lock) is refused with
 * a clear message and changes nothing: the service keeps its WAL and every write it acknowledges after the refusal
 * is still there once it stops. Stopped, the same restore goes through.
 */
class RestoreGuardTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestoreOntoTheDatabaseOfARunningServiceIsRefusedAndTheServiceKeepsEveryWrite() throws Exception {
        Path database = dataDir.resolve("control-plane.db");
        String[] restore = {"restore", "--from", "latest", "--db", database.toString(), "--replace",
                "--control-plane.storage.data-dir=" + dataDir};
        try (ServiceProcess service = ServiceProcess.start(dataDir, Map.of("control-plane.backup.schedule", "false"))) {
            Api api = service.api();
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RG-1")).send().status())
                    .isEqualTo(201);
            assertThat(api.post("/api/admin/backups?kind=full", TestTokens.ADMIN, null).send().status())
                    .isEqualTo(201);
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RG-2")).send().status())
                    .isEqualTo(201);

            Cli refused = cli(restore);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("Refused").contains("is in use by a running service")
                    .contains("service pid " + service.pid()).contains("Nothing was changed");
            assertThat(Files.exists(dataDir.resolve("control-plane.db-wal"))).isTrue();
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RG-3")).send().status())
                    .isEqualTo(201);
            assertThat(api.get("/api/control-plane/items/wi-RG-2", TestTokens.ADMIN).send().status()).isEqualTo(200);

            assertThatThrownBy(() -> RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false")))
                    .hasStackTraceContaining("is in use: service pid " + service.pid());
        }
        assertThat(createdItems(database)).isEqualTo(3);

        Cli restored = cli(restore);

        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(createdItems(database)).as("the archive was taken after the first item").isEqualTo(1);
    }

    private static long createdItems(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM DomainEventEntry WHERE sequenceNumber = 0")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private record Cli(int exitCode, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new OperationsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
