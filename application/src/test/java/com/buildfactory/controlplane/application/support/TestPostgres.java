package com.buildfactory.controlplane.application.support;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The throw-away PostgreSQL that scripts/start-test-postgres.sh starts; its URL comes in the environment variable
 * {@code CONTROL_PLANE_TEST_POSTGRES_URL} (or the system property {@code control-plane.test-postgres-url}). CI
 * starts it before the build (.ci/run), so a missing URL fails the test. A developer without PostgreSQL may skip
 * these tests with {@code -Dcontrol-plane.postgres-tests=skip}. Every call gives a fresh, empty database.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "CONTROL_PLANE_TEST_POSTGRES_URL";
    public static final String SKIP_PROPERTY = "control-plane.postgres-tests";

    private TestPostgres() {
    }

    /** A new empty database on the test cluster: its JDBC URL. */
    public static String freshDatabase() {
        Assumptions.assumeFalse("skip".equals(System.getProperty(SKIP_PROPERTY)),
                "PostgreSQL tests skipped by -D" + SKIP_PROPERTY + "=skip");
        String cluster = System.getProperty("control-plane.test-postgres-url", System.getenv(URL_VARIABLE));
        if (cluster == null || cluster.isBlank()) {
            throw new AssertionError("No test PostgreSQL: run `export " + URL_VARIABLE
                    + "=\"$(scripts/start-test-postgres.sh)\"` first, or skip these tests with -D"
                    + SKIP_PROPERTY + "=skip");
        }
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
