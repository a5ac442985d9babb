package com.buildfactory.controlplane.ops.postgres;

import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases on the throw-away PostgreSQL of {@code scripts/start-test-postgres.sh}, whose URL comes in
 * {@code CONTROL_PLANE_TEST_POSTGRES_URL} (or {@code -Dcontrol-plane.test-postgres-url}); the tests are skipped
 * when neither is set, or with {@code -Dcontrol-plane.postgres-tests=skip}. Each call gives a new, empty database.
 */
final class TestDatabases {

    static final String EVENTS = "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry ORDER BY globalIndex";
    static final String SNAPSHOTS = "SELECT aggregateIdentifier, sequenceNumber, type, eventIdentifier, timeStamp,"
            + " payloadType, payloadRevision, payload, metaData FROM SnapshotEventEntry"
            + " ORDER BY aggregateIdentifier, sequenceNumber";

    private TestDatabases() {
    }

    static String fresh() {
        Assumptions.assumeFalse("skip".equals(System.getProperty("control-plane.postgres-tests")),
                "PostgreSQL tests skipped by -Dcontrol-plane.postgres-tests=skip");
        String cluster = System.getProperty("control-plane.test-postgres-url",
                System.getenv("CONTROL_PLANE_TEST_POSTGRES_URL"));
        Assumptions.assumeTrue(cluster != null && !cluster.isBlank(),
                "no test PostgreSQL: export CONTROL_PLANE_TEST_POSTGRES_URL=\"$(scripts/start-test-postgres.sh)\"");
        String name = "cp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(cluster);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a database on " + cluster + ": " + e.getMessage(), e);
        }
        return cluster.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** A new database migrated as the service would migrate it. */
    static String migrated() {
        String url = fresh();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/postgresql").load()
                .migrate();
        return url;
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        return dataSource;
    }

    /**
     * Appends a SQLite store's events to PostgreSQL as the nodes do, positions drawn from the sequence (so they equal
     * the SQLite ones when the log starts empty and has no gaps), and its snapshots.
     */
    static void appendFrom(Path sqlite, String postgres) throws SQLException {
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
             Connection to = DriverManager.getConnection(postgres)) {
            to.setAutoCommit(false);
            try (Statement read = from.createStatement();
                 ResultSet rows = read.executeQuery("SELECT eventIdentifier, aggregateIdentifier, sequenceNumber,"
                         + " type, timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry"
                         + " ORDER BY globalIndex");
                 PreparedStatement insert = to.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier,"
                         + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision,"
                         + " payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                copy(rows, insert, 3);
            }
            try (Statement read = from.createStatement();
                 ResultSet rows = read.executeQuery("SELECT aggregateIdentifier, sequenceNumber, type,"
                         + " eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData"
                         + " FROM SnapshotEventEntry");
                 PreparedStatement insert = to.prepareStatement("INSERT INTO SnapshotEventEntry (aggregateIdentifier,"
                         + " sequenceNumber, type, eventIdentifier, timeStamp, payloadType, payloadRevision, payload,"
                         + " metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                copy(rows, insert, 2);
            }
            to.commit();
        }
    }

    /** Nine columns: text, one bigint at {@code longColumn}, the last two bytes. */
    private static void copy(ResultSet rows, PreparedStatement insert, int longColumn) throws SQLException {
        while (rows.next()) {
            for (int c = 1; c <= 9; c++) {
                if (c == longColumn) {
                    insert.setLong(c, rows.getLong(c));
                } else if (c >= 8) {
                    insert.setBytes(c, rows.getBytes(c));
                } else {
                    insert.setString(c, rows.getString(c));
                }
            }
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Every row of a query, columns joined, bytes as hex: equal lists mean identical tables. */
    static List<String> rows(String url, String sql) throws SQLException {
        return EventStoreFixture.rows(url, sql);
    }

    static long single(String url, String sql) throws SQLException {
        return Long.parseLong(rows(url, sql).get(0));
    }
}
