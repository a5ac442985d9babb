package com.buildfactory.controlplane.storage.sqlite;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;

/**
 * The event store's own transactions. Its writes (appends in a command's group, snapshots) always run inside a
 * transaction that is already open, which they join. Its reads outside one (the event store's reader feeding the
 * tracking processors, token creation) run without a transaction: in WAL mode a plain SELECT reads a consistent
 * snapshot and takes no write lock, while a transaction here begins IMMEDIATE and queued for SQLite's write lock
 * behind every command group and processor batch: the reader was the most frequent waiter in that queue.
 */
public final class EventLogReads {

    private static final Transaction NONE = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private EventLogReads() {
    }

    /** Joins a transaction open on the log's {@code dataSource}; a transaction on the read models' file is not one. */
    public static TransactionManager joinOrNone(TransactionManager transactions, DataSource dataSource) {
        return () -> TransactionSynchronizationManager.hasResource(dataSource)
                ? transactions.startTransaction() : NONE;
    }
}
