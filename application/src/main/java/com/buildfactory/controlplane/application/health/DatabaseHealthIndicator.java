package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.storage.sqlite.SqliteWriteQueue;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/** Writable means a write transaction can be opened: the file, its folder and SQLite's write lock are usable. */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final SqliteWriteQueue writeQueue;

    public DatabaseHealthIndicator(DataSource dataSource, SqliteWriteQueue writeQueue) {
        super("The database is not writable");
        this.dataSource = dataSource;
        this.writeQueue = writeQueue;
    }

    /** Takes its turn in the write queue: opening a write transaction takes SQLite's one write lock. */
    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        writeQueue.enter();
        try {
            probe();
        } finally {
            writeQueue.leave();
        }
        builder.up().withDetail("writable", true);
    }

    private void probe() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO main.idempotency_record (actor, idem_key, request_hash, status, created_at)"
                    + " SELECT '-', '-', '-', 0, '-' WHERE 0");
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
