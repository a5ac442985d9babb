package com.buildfactory.controlplane.storage.postgres;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Axon's JDBC storage engine, with one addition: an append takes a transaction-scoped advisory lock before it draws
 * global indexes from the sequence, and holds it until its transaction ends. Without it two nodes' transactions
 * commit in either order, and an event becomes visible below positions already seen. Axon's tracking tokens cope
 * (gaps), but everything that reads by position does not: a gap filled late reaches the handlers with the token's
 * highest index as its position, so two items' pages got the same created_position (duplicate key on
 * ix_item_page_created, seen under load from two nodes), and the change feed, the audit stream and time travel
 * resume or cut "after position N" and would skip it. With the lock, positions become visible in order. Only the
 * append and the commit are serialised; loading and deciding still run side by side.
 */
public class AppendsInCommitOrder extends JdbcEventStorageEngine {

    /** Any constant shared by every node; "cp-log" in ASCII. */
    static final long APPEND_LOCK = 0x63702d6c6f67L;

    public AppendsInCommitOrder(Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        }
        return super.appendEvents(connection, events, serializer);
    }
}
