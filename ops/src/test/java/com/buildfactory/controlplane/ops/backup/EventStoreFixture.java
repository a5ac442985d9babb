package com.buildfactory.controlplane.ops.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A real event store file, migrated by the project's Flyway scripts and written with JDBC in the shape Axon's
 * JdbcEventStorageEngine leaves: JSON payloads and metadata, several aggregates with rising sequence numbers,
 * ISO-8601 times, and snapshots that replace older ones of the same aggregate.
 */
public final class EventStoreFixture {

    public static final String SERVICE_URL_SETTINGS =
            "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&transaction_mode=IMMEDIATE";
    private static final String[] EVENT_TYPES = {"WorkItemCreated", "LaneChanged", "PullRequestLinked",
        "ReviewRequested", "DoneCriterionMet", "ReleaseChecked"};
    private static final String[] LANES = {"intake", "build", "review", "release", "done"};
    private static final String[] WORDS = {"lane", "gate", "drift", "truth", "signal", "freshness", "drill",
        "archive", "grüße", "naïve", "✓", "日本"};

    private final Path database;
    private final Random random;
    private final List<String> aggregates = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private Instant clock;

    public EventStoreFixture(Path database, long seed, Instant start) {
        this.database = database;
        this.random = new Random(seed);
        this.clock = start;
        Flyway.configure().dataSource("jdbc:sqlite:" + database, null, null)
                .locations("classpath:db/migration/sqlite").load().migrate();
    }

    public Path database() {
        return database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database + SERVICE_URL_SETTINGS);
    }

    /** The time the next event will carry. */
    public Instant now() {
        return clock;
    }

    /** Appends events spread over aggregates, each {@code stepMillis} after the previous; some get snapshots. */
    public void append(int events, long stepMillis) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry"
                    + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                    + " payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement dropOld = connection.prepareStatement(
                         "DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?");
                 PreparedStatement snapshot = connection.prepareStatement("INSERT INTO SnapshotEventEntry"
                         + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, timeStamp, payloadType,"
                         + " payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < events; i++) {
                    if (aggregates.isEmpty() || random.nextInt(8) == 0) {
                        aggregates.add(UUID.randomUUID().toString());
                    }
                    String aggregate = aggregates.get(random.nextInt(aggregates.size()));
                    long sequence = nextSequence.merge(aggregate, 1L, Long::sum) - 1;
                    String type = sequence == 0 ? EVENT_TYPES[0] : EVENT_TYPES[1 + random.nextInt(5)];
                    String time = clock.toString();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, aggregate);
                    insert.setLong(3, sequence);
                    insert.setString(4, "WorkItem");
                    insert.setString(5, time);
                    insert.setString(6, "com.buildfactory.controlplane.domain.workitem.api." + type);
                    insert.setString(7, random.nextInt(10) == 0 ? "2" : null);
                    insert.setBytes(8, payload(aggregate, type).getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(9, random.nextInt(20) == 0 ? null : metaData().getBytes(StandardCharsets.UTF_8));
                    insert.executeUpdate();
                    if (sequence > 0 && sequence % 25 == 0) {
                        dropOld.setString(1, aggregate);
                        dropOld.setLong(2, sequence);
                        dropOld.executeUpdate();
                        snapshot.setString(1, aggregate);
                        snapshot.setLong(2, sequence);
                        snapshot.setString(3, "WorkItem");
                        snapshot.setString(4, UUID.randomUUID().toString());
                        snapshot.setString(5, time);
                        snapshot.setString(6, "com.buildfactory.controlplane.domain.workitem.WorkItem");
                        snapshot.setString(7, null);
                        snapshot.setBytes(8, ("{\"id\":\"" + aggregate + "\",\"version\":" + sequence
                                + ",\"lane\":\"" + LANES[random.nextInt(LANES.length)] + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                        snapshot.setBytes(9, "{}".getBytes(StandardCharsets.UTF_8));
                        snapshot.executeUpdate();
                    }
                    clock = clock.plusMillis(stepMillis);
                }
            }
            connection.commit();
        }
    }

    /**
     * Fills the tables beside the log (a token left in the log's old token table, an idempotency record) as a
     * running service could, so that a restore can be seen to leave them empty. The read models have a file of
     * their own, which a restore does not build.
     */
    public void fillReadModels() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO TokenEntry (processorName, segment, token, tokenType, timestamp)"
                    + " VALUES ('item-page', 0, x'7b7d', 'GlobalSequenceTrackingToken', '" + clock + "')");
            statement.executeUpdate("INSERT INTO idempotency_record (actor, idem_key, request_hash, status,"
                    + " created_at) VALUES ('alice', 'k1', 'h', 201, '" + clock + "')");
        }
    }

    private String payload(String aggregate, String type) {
        StringBuilder title = new StringBuilder();
        for (int w = 0, n = 3 + random.nextInt(40); w < n; w++) {
            title.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return "{\"itemId\":\"" + aggregate + "\",\"event\":\"" + type + "\",\"lane\":\""
                + LANES[random.nextInt(LANES.length)] + "\",\"title\":\"" + title.toString().trim()
                + " \\\"quoted\\\"\",\"points\":" + random.nextInt(13) + ",\"tags\":[\"a\",\"b\"]}";
    }

    private String metaData() {
        return "{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"" + UUID.randomUUID()
                + "\",\"actor\":\"" + (random.nextBoolean() ? "alice" : "bob") + "\"}";
    }

    /** Every event row, all columns, BLOBs as hex: equal lists mean identical tables. */
    public static List<String> events(Path database) throws SQLException {
        return rows(database, "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
                + " timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry"
                + " ORDER BY globalIndex");
    }

    public static List<String> snapshots(Path database) throws SQLException {
        return rows(database, "SELECT aggregateIdentifier, sequenceNumber, type, eventIdentifier, timeStamp,"
                + " payloadType, payloadRevision, payload, metaData FROM SnapshotEventEntry"
                + " ORDER BY aggregateIdentifier, sequenceNumber");
    }

    public static long count(Path database, String table) throws SQLException {
        return Long.parseLong(rows(database, "SELECT count(*) FROM " + table).get(0));
    }

    public static List<String> rows(Path database, String sql) throws SQLException {
        return rows("jdbc:sqlite:" + database, sql);
    }

    /** Every row of a query on any JDBC URL, columns joined, bytes as hex: equal lists mean identical tables. */
    public static List<String> rows(String jdbcUrl, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    Object value = result.getObject(c);
                    row.append(c > 1 ? "|" : "").append(value instanceof byte[] bytes
                            ? "x" + HexFormat.of().formatHex(bytes) : String.valueOf(value));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
