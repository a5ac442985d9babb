package com.buildfactory.controlplane.storage.sqlite;

import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Axon's JDBC token store without {@code FOR UPDATE}, which SQLite rejects (the processor would never start).
 * Under IMMEDIATE transactions the claiming transaction already holds SQLite's write lock.
 */
public class SqliteTokenStore extends JdbcTokenStore {

    public SqliteTokenStore(Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement select(Connection connection, String processorName, int segment, boolean forUpdate)
            throws SQLException {
        return super.select(connection, processorName, segment, false);
    }
}
