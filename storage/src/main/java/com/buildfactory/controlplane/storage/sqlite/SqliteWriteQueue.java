package com.buildfactory.controlplane.storage.sqlite;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One in-process queue in front of SQLite's single write lock. Every transaction here begins with
 * {@code BEGIN IMMEDIATE} (it takes the write lock even to read), and SQLite lets a blocked connection retry only
 * with growing sleeps of up to 100 ms: a thread that commits and begins again at once (the command writer under
 * load) starved the tracking processors' token updates for a second and more. Taking a turn here first serves
 * every writer without those sleeps.
 *
 * <p>Two classes of turn. Commands (the group commit writer, idempotency records, the health probe) have a client
 * waiting on them: they go before background work. Background work (tracking processor batches, snapshots: every
 * Axon transaction through {@link #around}) is served in arrival order, and once its oldest turn has waited
 * {@link #BACKGROUND_PATIENCE} it goes before commands, so read models stay fresh under any load. Right after a group
 * commits, the four processors all ask for a turn at once; in arrival order the next group waited behind all four
 * batches (measured: the command writer parked 10 ms and more hundreds of times a minute under load). A
 * background batch that waits also grows, so the processors commit fewer, larger batches.
 *
 * <p>Reentrant: a transaction that joins an outer one on the same thread takes its turn again at no cost.
 */
public class SqliteWriteQueue implements com.buildfactory.controlplane.storage.WriteTurn {

    /** How long a background turn yields to commands before it goes first. */
    public static final Duration BACKGROUND_PATIENCE = Duration.ofMillis(20);

    private final long patienceNanos;
    private final ArrayDeque<Waiter> commands = new ArrayDeque<>();
    private final ArrayDeque<Waiter> background = new ArrayDeque<>();
    private Thread owner;
    private int holds;

    public SqliteWriteQueue() {
        this(BACKGROUND_PATIENCE);
    }

    SqliteWriteQueue(Duration backgroundPatience) {
        this.patienceNanos = backgroundPatience.toNanos();
    }

    @Override
    public <T> T call(Supplier<T> work) {
        enter();
        try {
            return work.get();
        } finally {
            leave();
        }
    }

    /** A command's turn: ahead of background work that has not yet waited its patience out. */
    @Override
    public void enter() {
        acquire(true);
    }

    /** A background turn: in arrival order, behind commands until it has waited {@link #BACKGROUND_PATIENCE}. */
    public void enterBehindCommands() {
        acquire(false);
    }

    /** Ends this thread's turn (its outermost one) and hands the lock to whoever is next. */
    @Override
    public synchronized void leave() {
        if (owner != Thread.currentThread()) {
            return;
        }
        if (--holds > 0) {
            return;
        }
        // The next turn is decided once, here: waiters deciding for themselves could each see another's turn.
        Waiter next = next();
        if (next == null) {
            owner = null;
            return;
        }
        (next.command() ? commands : background).remove(next);
        owner = next.thread();
        holds = 1;
        notifyAll();
    }

    public synchronized boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    private synchronized void acquire(boolean command) {
        Thread me = Thread.currentThread();
        if (owner == me) {
            holds++;
            return;
        }
        if (owner == null) {
            owner = me;
            holds = 1;
            return;
        }
        (command ? commands : background).addLast(new Waiter(me, command, System.nanoTime()));
        boolean interrupted = false;
        while (owner != me) {
            try {
                wait();
            } catch (InterruptedException e) {
                // A turn is handed over, never abandoned: keep waiting and pass the interrupt on.
                interrupted = true;
            }
        }
        if (interrupted) {
            me.interrupt();
        }
    }

    /** A command, unless the oldest background turn has waited its patience out. */
    private Waiter next() {
        Waiter oldestBackground = background.peekFirst();
        if (oldestBackground != null
                && (commands.isEmpty() || System.nanoTime() - oldestBackground.since() >= patienceNanos)) {
            return oldestBackground;
        }
        return commands.peekFirst();
    }

    /** Axon's transactions (tracking processors, snapshots) through the queue as background work. */
    public TransactionManager around(TransactionManager delegate) {
        return () -> {
            enterBehindCommands();
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

    private record Waiter(Thread thread, boolean command, long since) {
    }
}
