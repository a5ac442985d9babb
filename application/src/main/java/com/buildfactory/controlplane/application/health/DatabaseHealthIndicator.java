package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.storage.WriteTurn;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Writable means a write transaction can be opened: the file, its folder and SQLite's write lock are usable. After
 * a write failed on a full disk, writable means a real commit of 64 KiB succeeds again (opening a transaction
 * needs no space, so the cheap probe alone would say writable while every command fails).
 */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final WriteTurn writeQueue;
    private final DiskFull diskFull;

    public DatabaseHealthIndicator(DataSource dataSource, WriteTurn writeQueue, DiskFull diskFull) {
        super("The database is not writable");
        this.dataSource = dataSource;
        this.writeQueue = writeQueue;
        this.diskFull = diskFull;
    }

    /** Takes its turn in the write queue: opening a write transaction takes SQLite's one write lock. */
    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        writeQueue.enter();
        try {
            probe();
            if (diskFull.since() != null) {
                commitProbe();
                diskFull.cleared();
            }
        } catch (Exception e) {
            if (DiskFull.causedBy(e)) {
                diskFull.seen();
                builder.down().withDetail("writable", false).withDetail("cause", "SQLITE_FULL")
                        .withDetail("detail", "The disk is full: commands answer 507 and store nothing. Free space"
                                + " (see the runbook's Disk full playbook); writes resume without a restart.")
                        .withDetail("since", diskFull.since().toString());
                return;
            }
            throw e;
        } finally {
            writeQueue.leave();
        }
        builder.up().withDetail("writable", true);
    }

    /** A committed row of 64 KiB, deleted again: needs real space in the WAL, as a command does. */
    private void commitProbe() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, body,"
                    + " created_at) VALUES ('-health-probe', '-', '-', 0, randomblob(65536), '-')");
            statement.execute("DELETE FROM idempotency_record WHERE actor = '-health-probe'");
        }
    }

    private void probe() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, created_at)"
                    + " SELECT '-', '-', '-', 0, '-' WHERE 1 = 0");
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
