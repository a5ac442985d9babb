package com.buildfactory.controlplane.storage.sqlite;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * Axon's max()/min() queries rewritten to return no row instead of a NULL row: sqlite-jdbc throws "Bad value for
 * type Long" on getObject(i, Long.class) of SQL NULL, which left the tracking processor retrying forever one event
 * short of the head. Axon reads "no row" as "no value".
 */
final class NullSafeStatements {

    private NullSafeStatements() {
    }

    static JdbcEventStorageEngine.Builder applyTo(JdbcEventStorageEngine.Builder builder) {
        return builder
                .lastSequenceNumberFor(NullSafeStatements::lastSequenceNumberFor)
                .createHeadToken(NullSafeStatements::createHeadToken)
                .createTailToken(NullSafeStatements::createTailToken)
                .createTokenAt(NullSafeStatements::createTokenAt)
                .fetchTrackedEvents(NullSafeStatements::fetchTrackedEvents);
    }

    private static String notNull(String aggregateSql) {
        return "SELECT v FROM (" + aggregateSql + ") WHERE v IS NOT NULL";
    }

    static PreparedStatement lastSequenceNumberFor(Connection connection, EventSchema schema, String aggregateId)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(notNull(
                "SELECT max(" + schema.sequenceNumberColumn() + ") AS v FROM " + schema.domainEventTable()
                        + " WHERE " + schema.aggregateIdentifierColumn() + " = ?"));
        statement.setString(1, aggregateId);
        return statement;
    }

    static PreparedStatement createHeadToken(Connection connection, EventSchema schema) throws SQLException {
        return connection.prepareStatement(notNull(
                "SELECT max(" + schema.globalIndexColumn() + ") AS v FROM " + schema.domainEventTable()));
    }

    static PreparedStatement createTailToken(Connection connection, EventSchema schema) throws SQLException {
        return connection.prepareStatement(notNull(
                "SELECT min(" + schema.globalIndexColumn() + ") - 1 AS v FROM " + schema.domainEventTable()));
    }

    static PreparedStatement createTokenAt(Connection connection, EventSchema schema, Instant dateTime)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(notNull(
                "SELECT min(" + schema.globalIndexColumn() + ") - 1 AS v FROM " + schema.domainEventTable()
                        + " WHERE " + schema.timestampColumn() + " >= ?"));
        statement.setString(1, formatInstant(dateTime));
        return statement;
    }

    static PreparedStatement fetchTrackedEvents(Connection connection, EventSchema schema, long index)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(notNull(
                "SELECT min(" + schema.globalIndexColumn() + ") AS v FROM " + schema.domainEventTable()
                        + " WHERE " + schema.globalIndexColumn() + " > ?"));
        statement.setLong(1, index);
        return statement;
    }

}
