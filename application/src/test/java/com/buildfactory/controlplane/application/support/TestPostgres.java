package com.buildfactory.controlplane.application.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The throw-away PostgreSQL that scripts/start-test-postgres.sh starts; its URL comes in the environment variable
 * {@code CONTROL_PLANE_TEST_POSTGRES_URL} (or the system property {@code control-plane.test-postgres-url}), which
 * CI sets before the build (.ci/run). Without it the script is run from here (idempotent; it installs Debian's
 * postgresql-15 if missing), so a bare {@code ./mvnw -B verify} works too; if that fails, the test fails. A
 * developer without PostgreSQL may skip these tests with {@code -Dcontrol-plane.postgres-tests=skip}. Every call
 * gives a fresh, empty database.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "CONTROL_PLANE_TEST_POSTGRES_URL";
    public static final String SKIP_PROPERTY = "control-plane.postgres-tests";

    private TestPostgres() {
    }

    private static String cluster;

    private static synchronized String cluster() {
        if (cluster == null) {
            String given = System.getProperty("control-plane.test-postgres-url", System.getenv(URL_VARIABLE));
            cluster = given == null || given.isBlank() ? startedByTheScript() : given;
        }
        return cluster;
    }

    private static String startedByTheScript() {
        Path script = repositoryRoot().resolve("scripts/start-test-postgres.sh");
        try {
            Process process = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0 || !out.startsWith("jdbc:")) {
                throw new AssertionError(script + " did not start PostgreSQL (" + out + ")");
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("No test PostgreSQL: " + URL_VARIABLE + " is not set and " + script
                    + " cannot run (" + e.getMessage() + "); skip these tests with -D" + SKIP_PROPERTY + "=skip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/start-test-postgres.sh"))) {
                return dir;
            }
        }
        throw new AssertionError("scripts/start-test-postgres.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** A new empty database on the test cluster: its JDBC URL. */
    public static String freshDatabase() {
        Assumptions.assumeFalse("skip".equals(System.getProperty(SKIP_PROPERTY)),
                "PostgreSQL tests skipped by -D" + SKIP_PROPERTY + "=skip");
        String cluster = cluster();
        String name = "cp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(cluster);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("Cannot create a database on the test PostgreSQL at " + cluster + ": "
                    + e.getMessage(), e);
        }
        return cluster.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** The service's properties for a node on {@code jdbcUrl}. */
    public static Map<String, String> nodeProperties(String jdbcUrl, String nodeId) {
        return Map.of("spring.profiles.active", "postgres",
                "control-plane.postgres.jdbc-url", jdbcUrl,
                "control-plane.node-id", nodeId);
    }
}
