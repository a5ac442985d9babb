package com.buildfactory.controlplane.application.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/** Writable means a write transaction can be opened: the file, its folder and SQLite's write lock are usable. */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;

    public DatabaseHealthIndicator(DataSource dataSource) {
        super("The database is not writable");
        this.dataSource = dataSource;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO main.idempotency_record (actor, idem_key, request_hash, status, created_at)"
                    + " SELECT '-', '-', '-', 0, '-' WHERE 0");
            connection.rollback();
            connection.setAutoCommit(true);
        }
        builder.up().withDetail("writable", true);
    }
}
