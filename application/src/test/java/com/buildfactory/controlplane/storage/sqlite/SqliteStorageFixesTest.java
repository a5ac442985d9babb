package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.application.support.TestDatabase;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each SQLite fix next to Axon's stock behaviour on the same file: the stock piece fails, ours works. If a future
 * driver or Axon version makes a fix unnecessary, the "stock fails" half of its test says so.
 */
class SqliteStorageFixesTest {

    @TempDir
    Path dataDir;
    DataSource dataSource;
    ConnectionProvider connections;

    @BeforeEach
    void migrate() {
        dataSource = TestDatabase.migrated(dataDir);
        connections = dataSource::getConnection;
    }

    @Test
    void stockTokenStoreCannotClaimOnSqliteButOursCan() {
        JdbcTokenStore stock = JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer()).build();
        assertThatThrownBy(() -> stock.initializeTokenSegments("stock", 1))
                .hasStackTraceContaining("near \"FOR\": syntax error");

        SqliteTokenStore ours = new SqliteTokenStore(JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer()));
        ours.initializeTokenSegments("ours", 1);
        ours.storeToken(new GlobalSequenceTrackingToken(41), "ours", 0);
        assertThat(ours.fetchToken("ours", 0)).isEqualTo(new GlobalSequenceTrackingToken(41));
    }

    @Test
    void stockMaxAndMinQueriesFailOnAnEmptyLogButOursAnswerNoValue() {
        JdbcEventStorageEngine stock = engine(JdbcEventStorageEngine.builder());
        assertThatThrownBy(() -> stock.lastSequenceNumberFor("wi-X-1")).hasStackTraceContaining("Bad value");
        assertThatThrownBy(stock::createHeadToken).hasStackTraceContaining("Bad value");

        JdbcEventStorageEngine ours = engine(NullSafeStatements.applyTo(JdbcEventStorageEngine.builder()));
        assertThat(ours.lastSequenceNumberFor("wi-X-1")).isEmpty();
        assertThat(ours.createHeadToken()).isNull();
        assertThat(ours.createTailToken()).isNull();
    }

    @Test
    void duplicateAppendIsRecognisedOnlyBySqliteResolver() throws SQLException {
        insertEvent("e-1", 0);
        SQLException duplicate = catchThrowableOfType(SQLException.class, () -> insertEvent("e-2", 0));
        assertThat(new JdbcSQLErrorCodesResolver().isDuplicateKeyViolation(duplicate)).isFalse();
        assertThat(new SqliteDuplicateKeyResolver().isDuplicateKeyViolation(duplicate)).isTrue();
        assertThat(new SqliteDuplicateKeyResolver().isDuplicateKeyViolation(new SQLException("disk I/O error")))
                .isFalse();
    }

    @Test
    void busyErrorsEvictTheConnection() {
        assertThat(new SqliteBusyEviction().adjudicate(new org.sqlite.SQLiteException("busy",
                org.sqlite.SQLiteErrorCode.SQLITE_BUSY))).isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(new SqliteBusyEviction().adjudicate(new SQLException("other")))
                .isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.CONTINUE_EVICT);
    }

    private JdbcEventStorageEngine engine(JdbcEventStorageEngine.Builder builder) {
        return builder.connectionProvider(connections).transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
    }

    private void insertEvent(String eventId, long sequence) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier,"
                    + " sequenceNumber, type, timeStamp, payloadType, payload) VALUES ('" + eventId
                    + "', 'wi-X-1', " + sequence + ", 'WorkItem', '2026-01-01T00:00:00Z', 'p', x'7b7d')");
        }
    }
}
