package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.LogRestoreTarget;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import com.buildfactory.controlplane.storage.StorageException;
import com.buildfactory.controlplane.storage.jdbc.LogStatements;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A restore into an empty PostgreSQL database. A database holding events is refused before anything is written
 * (there is no replace: restore into a new database and point the nodes at it). Then the schema is created by this
 * version's migrations, and everything goes in in one transaction that holds the event table locked against other
 * writers: every event at its own global position (the inserts {@link SqliteToPostgres} uses), the snapshots, then
 * the global index's sequence moved past the highest position, so the next append does not collide. Token claims and
 * read models stay empty: the nodes build them from the log when they start.
 */
public final class PostgresRestoreTarget implements LogRestoreTarget {

    private static final Logger log = LoggerFactory.getLogger(PostgresRestoreTarget.class);
    private static final String MIGRATIONS = "classpath:db/migration/postgresql";
    private static final int BATCH = 1_000;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    public PostgresRestoreTarget(String jdbcUrl, String usernameOrNull, String passwordOrNull) {
        this.jdbcUrl = jdbcUrl;
        this.username = usernameOrNull;
        this.password = passwordOrNull;
    }

    @Override
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public Load open(boolean replace) {
        Properties login = new Properties();
        if (username != null) {
            login.setProperty("user", username);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(jdbcUrl, login);
            refuseEvents(connection);
            Flyway.configure().dataSource(jdbcUrl, username, password).locations(MIGRATIONS).load().migrate();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE DomainEventEntry, SnapshotEventEntry IN EXCLUSIVE MODE");
            }
            refuseEvents(connection);
            return new DatabaseLoad(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StorageException refused) {
                throw refused;
            }
            throw new StorageException("cannot prepare the PostgreSQL database " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private void refuseEvents(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('domainevententry') IS NOT NULL")) {
            rows.next();
            if (!rows.getBoolean(1)) {
                return;
            }
        }
        long events = LogStatements.eventCount(connection);
        if (events > 0) {
            throw new StorageException("the PostgreSQL database " + describe() + " already holds " + events
                    + " events (head " + LogStatements.head(connection) + "); a restore writes only into an empty"
                    + " database: create a new one (createdb -O <role> <name>) and give its URL. Nothing was changed");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not close the PostgreSQL connection: {}", e.toString());
        }
    }

    private final class DatabaseLoad implements Load {

        private final Connection connection;
        private final List<LogEntry> events = new ArrayList<>(BATCH);
        private final PreparedStatement snapshots;
        private int pendingSnapshots;
        private boolean finished;

        DatabaseLoad(Connection connection) throws SQLException {
            this.connection = connection;
            this.snapshots = connection.prepareStatement("INSERT INTO SnapshotEventEntry (aggregateIdentifier,"
                    + " sequenceNumber, type, eventIdentifier, timeStamp, payloadType, payloadRevision, payload,"
                    + " metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (aggregateIdentifier, sequenceNumber)"
                    + " DO UPDATE SET type = EXCLUDED.type, eventIdentifier = EXCLUDED.eventIdentifier,"
                    + " timeStamp = EXCLUDED.timeStamp, payloadType = EXCLUDED.payloadType,"
                    + " payloadRevision = EXCLUDED.payloadRevision, payload = EXCLUDED.payload,"
                    + " metaData = EXCLUDED.metaData");
        }

        @Override
        public void event(LogEntry event) {
            events.add(event);
            if (events.size() == BATCH) {
                flushEvents();
            }
        }

        private void flushEvents() {
            try {
                PostgresEventTables.insertEvents(connection, events);
                events.clear();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void snapshot(SnapshotEntry s) {
            flushEvents();
            try {
                snapshots.setString(1, s.aggregateIdentifier());
                snapshots.setLong(2, s.sequenceNumber());
                snapshots.setString(3, s.type());
                snapshots.setString(4, s.eventIdentifier());
                snapshots.setString(5, s.timeStamp());
                snapshots.setString(6, s.payloadType());
                snapshots.setString(7, s.payloadRevision());
                snapshots.setBytes(8, s.payload());
                snapshots.setBytes(9, s.metaData());
                snapshots.addBatch();
                if (++pendingSnapshots == BATCH) {
                    snapshots.executeBatch();
                    pendingSnapshots = 0;
                }
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public Loaded finish(long expectedEvents, long lastPosition) {
            flushEvents();
            try {
                if (pendingSnapshots > 0) {
                    snapshots.executeBatch();
                    pendingSnapshots = 0;
                }
                long kept = LogStatements.keepNewestSnapshotsOfStoredEvents(connection);
                PostgresEventTables.moveSequencePastHead(connection);
                long stored = LogStatements.eventCount(connection);
                long head = Math.max(0, LogStatements.head(connection));
                if (stored != expectedEvents || (expectedEvents > 0 && head != lastPosition)) {
                    throw new StorageException("the restored database holds " + stored + " events up to " + head
                            + ", expected " + expectedEvents + " up to " + lastPosition + "; rolled back");
                }
                connection.commit();
                finished = true;
                return new Loaded(stored, kept, head);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        private StorageException failed(SQLException e) {
            SQLException next = e.getNextException();
            return new StorageException("cannot write into the PostgreSQL database " + describe() + ": "
                    + e.getMessage() + (next == null ? "" : " (" + next.getMessage() + ")"), e);
        }

        @Override
        public void close() {
            try {
                if (!finished) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                log.warn("Could not roll back the unfinished restore into {}: {}", describe(), e.toString());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
