package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.sqlite.SqliteEventTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a SQLite store into an empty, migrated PostgreSQL database in one transaction: every event at its own
 * global position, byte for byte, then the sequence past the highest position (otherwise the next append collides),
 * and the API tokens issued at run time with their audit trail. Not moved: snapshots (a cache, rebuilt from the
 * log), token claims and read models (the processors build them from the log when the service first starts on
 * PostgreSQL), idempotency records (short-lived answers to retries).
 */
public final class SqliteToPostgres {

    /** Tables copied row by row, column by column, in this order. */
    static final List<String> TABLES_BESIDE_THE_LOG = List.of("api_token", "api_token_audit");
    private static final int PAGE = 1_000;

    private SqliteToPostgres() {
    }

    public record Moved(long events, long head, long tokens) {
    }

    /** {@code sqlite} is read only; {@code postgres} must hold the schema and no event. */
    public static Moved move(Connection sqlite, Connection postgres) throws SQLException {
        if (PostgresEventTables.head(postgres) >= 0) {
            throw new IllegalStateException("The PostgreSQL database already holds events; move only into an empty one");
        }
        postgres.setAutoCommit(false);
        try {
            long events = 0;
            long after = -1;
            while (true) {
                List<LogEntry> page = new ArrayList<>(PAGE);
                SqliteEventTables.events(sqlite, after, Long.MAX_VALUE, PAGE, page::add);
                if (page.isEmpty()) {
                    break;
                }
                events += PostgresEventTables.insertEvents(postgres, page);
                after = page.get(page.size() - 1).position();
            }
            PostgresEventTables.moveSequencePastHead(postgres);
            long tokens = 0;
            for (String table : TABLES_BESIDE_THE_LOG) {
                tokens += copyTable(sqlite, postgres, table);
            }
            moveSequence(postgres, "api_token_audit", "entry_id");
            postgres.commit();
            return new Moved(events, PostgresEventTables.head(postgres), tokens);
        } catch (SQLException | RuntimeException e) {
            postgres.rollback();
            throw e;
        }
    }

    private static long copyTable(Connection sqlite, Connection postgres, String table) throws SQLException {
        long rows = 0;
        try (Statement read = sqlite.createStatement();
             ResultSet source = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = source.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(meta.getColumnName(c));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement write = postgres.prepareStatement(insert)) {
                while (source.next()) {
                    for (int c = 1; c <= columns.size(); c++) {
                        write.setObject(c, source.getObject(c));
                    }
                    write.addBatch();
                    rows++;
                }
                write.executeBatch();
            }
        }
        return rows;
    }

    private static void moveSequence(Connection postgres, String table, String column) throws SQLException {
        try (Statement statement = postgres.createStatement()) {
            statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'),"
                    + " greatest((SELECT max(" + column + ") FROM " + table + "), 0) + 1, false)");
        }
    }
}
