package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.ClusterLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The cluster lease as a session advisory lock on a connection this node keeps while it holds the lease. Taken at
 * the first job that asks for it, kept until the node stops ({@link #close()}) or its connection is lost: PostgreSQL
 * drops a session's locks when the session ends, a killed node's included (once the server notices the connection is
 * gone). Holding it for the node's life, not for one run, is what makes a job run once: a node whose timer fires a
 * second after the holder's finished run still finds it held and skips, instead of taking a second archive.
 */
public final class PostgresLease implements ClusterLease, AutoCloseable {

    /** "cp-back" in ASCII; any constant every node shares, distinct from the appends' lock. */
    static final long BACKUP_LEASE = 0x63702d6261636bL;
    private static final Logger log = LoggerFactory.getLogger(PostgresLease.class);

    private final DataSource dataSource;
    private final String nodeId;
    private Connection held;

    public PostgresLease(DataSource dataSource, String nodeId) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
    }

    @Override
    public synchronized boolean holdOrTake() {
        if (held != null) {
            if (stillOpen(held)) {
                return true;
            }
            log.warn("Lost the connection that held the backup lease; asking for it again");
            closeQuietly(held);
            held = null;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + BACKUP_LEASE + ")")) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    connection.close();
                    return false;
                }
            }
            try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                name.setString(1, "control-plane backup lease " + nodeId);
                name.execute();
            }
            held = connection;
            log.info("This node ({}) holds the backup lease: it takes the cluster's backups, scrubs and drills", nodeId);
            return true;
        } catch (SQLException e) {
            closeQuietly(connection);
            log.warn("Cannot ask for the backup lease: {}", e.toString());
            return false;
        }
    }

    @Override
    public synchronized String holder() {
        if (held != null) {
            return "this node (" + nodeId + ")";
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT a.application_name, a.client_addr,"
                     + " a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                     + " AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
            statement.setLong(1, BACKUP_LEASE >>> 32);
            statement.setLong(2, BACKUP_LEASE & 0xffffffffL);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return "no node yet (free: the next job takes it)";
                }
                String name = rows.getString(1);
                String node = name != null && name.startsWith("control-plane backup lease ")
                        ? name.substring("control-plane backup lease ".length()) : "another node";
                return node + " (backend pid " + rows.getInt(3) + (rows.getString(2) == null ? ""
                        : ", from " + rows.getString(2)) + ")";
            }
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static boolean stillOpen(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Gives the lease up, so another node takes it at its next job. */
    @Override
    public synchronized void close() {
        if (held == null) {
            return;
        }
        try (Statement statement = held.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + BACKUP_LEASE + ")");
            statement.execute("RESET application_name");
        } catch (SQLException e) {
            log.warn("Could not release the backup lease cleanly: {}", e.toString());
        }
        closeQuietly(held);
        held = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }
}
