package com.buildfactory.controlplane.application.storage;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One fair, in-process queue in front of SQLite's single write lock. Every transaction here begins with
 * {@code BEGIN IMMEDIATE} (it takes the write lock even to read), and SQLite lets a blocked connection retry only
 * with growing sleeps of up to 100 ms: a thread that commits and begins again at once (the command writer under
 * load) starved the tracking processor's reads and token updates for a second and more. Taking this fair lock
 * before each transaction serves the command writer, the tracking processors and the snapshotter in arrival order.
 *
 * <p>Reentrant: a transaction that joins an outer one on the same thread takes it again.
 */
public class SqliteWriteQueue {

    private final ReentrantLock lock = new ReentrantLock(true);

    public <T> T call(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void enter() {
        lock.lock();
    }

    public void leave() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Axon's transactions (commands, tracking processors, snapshots, event store reads) through the queue. */
    public TransactionManager around(TransactionManager delegate) {
        return () -> {
            enter();
            Transaction transaction;
            try {
                transaction = delegate.startTransaction();
            } catch (Throwable t) {
                leave();
                throw t;
            }
            return new Transaction() {
                private boolean done;

                @Override
                public void commit() {
                    try {
                        transaction.commit();
                    } finally {
                        release();
                    }
                }

                @Override
                public void rollback() {
                    try {
                        transaction.rollback();
                    } finally {
                        release();
                    }
                }

                private void release() {
                    if (!done) {
                        done = true;
                        leave();
                    }
                }
            };
        };
    }
}
