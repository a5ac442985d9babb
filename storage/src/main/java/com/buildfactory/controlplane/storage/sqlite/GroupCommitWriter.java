package com.buildfactory.controlplane.storage.sqlite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.buildfactory.controlplane.storage.SingleWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Group commit: one dispatcher thread runs the commands that are waiting, each inside its own SAVEPOINT of one
 * outer transaction, and commits them together; a caller is answered only after that commit returned, so a
 * success still means the events are durable. A command that fails is rolled back to its savepoint and answered
 * with its own exception, the others of its group commit. When the outer commit fails, every command of the group
 * is answered with that failure and {@code onFailedCommit} runs (it drops cached aggregates, which already hold the
 * state of commands that are now not stored).
 *
 * <p>Under SQLite one commit costs one fsync of the WAL (synchronous=FULL): a group of n commands shares it.
 * Commands still run one at a time, on one thread, in arrival order, as with {@link SingleWriter}.
 *
 * <p>Inside a group {@link #inGroup()} is true: the connection provider must then hand out the transaction's own
 * connection, never Axon's {@code UnitOfWorkAwareConnectionProviderWrapper}, which would commit or roll back the
 * whole group with each command's unit of work.
 */
public class GroupCommitWriter extends SingleWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final ThreadLocal<Boolean> IN_GROUP = new ThreadLocal<>();

    private final PlatformTransactionManager transactions;
    private final SqliteWriteQueue writeQueue;
    private final int maxGroup;
    private final Runnable afterCommit;
    private final Runnable onFailedCommit;
    private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private volatile boolean open = true;

    public GroupCommitWriter(PlatformTransactionManager transactions, SqliteWriteQueue writeQueue, int maxGroup,
                             Runnable afterCommit, Runnable onFailedCommit) {
        this.transactions = transactions;
        this.writeQueue = writeQueue;
        this.maxGroup = Math.max(1, maxGroup);
        this.afterCommit = afterCommit;
        this.onFailedCommit = onFailedCommit;
        this.dispatcher = new Thread(this::dispatch, "group-commit-writer");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** True on the dispatcher thread while a group's transaction is open. */
    public static boolean inGroup() {
        return Boolean.TRUE.equals(IN_GROUP.get());
    }

    @Override
    public <T> T write(Supplier<T> work) {
        if (Thread.currentThread() == dispatcher) {
            return work.get();
        }
        Request<T> request = new Request<>(work);
        synchronized (this) {
            // Under the same monitor as the dispatcher's last look at the queue: no request is left unanswered.
            if (!open) {
                throw new IllegalStateException("The command writer is shut down");
            }
            queue.add(request);
        }
        try {
            // Not interruptible, like the lock it replaces: a caller never gives up on work that may be stored.
            return request.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void dispatch() {
        List<Request<?>> group = new ArrayList<>(maxGroup);
        while (true) {
            try {
                Request<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    synchronized (this) {
                        if (!open && queue.isEmpty()) {
                            return;
                        }
                    }
                    continue;
                }
                group.add(first);
                writeQueue.enter();
                try {
                    // Also what arrived while this thread waited for its turn at the database.
                    queue.drainTo(group, maxGroup - 1);
                    runGroup(group);
                } finally {
                    writeQueue.leave();
                }
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose; keep serving until closed and drained.
            } catch (Throwable t) {
                log.error("Group commit dispatcher failed; failing its group", t);
                group.forEach(r -> r.result.completeExceptionally(t));
            } finally {
                group.clear();
            }
        }
    }

    private void runGroup(List<Request<?>> group) {
        DefaultTransactionDefinition definition =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionStatus status;
        try {
            status = transactions.getTransaction(definition);
        } catch (Throwable t) {
            group.forEach(r -> r.result.completeExceptionally(t));
            return;
        }
        Throwable groupFailure = null;
        IN_GROUP.set(Boolean.TRUE);
        try {
            for (Request<?> request : group) {
                Object savepoint = status.createSavepoint();
                try {
                    request.run();
                    status.releaseSavepoint(savepoint);
                } catch (Throwable commandFailure) {
                    request.failure = commandFailure;
                    // Undo this command alone; if that fails the transaction's state is unknown: give it up whole.
                    status.rollbackToSavepoint(savepoint);
                    status.releaseSavepoint(savepoint);
                }
            }
        } catch (Throwable t) {
            groupFailure = t;
        } finally {
            IN_GROUP.remove();
        }
        if (groupFailure == null) {
            try {
                transactions.commit(status);
            } catch (Throwable t) {
                groupFailure = t;
            }
        } else if (!status.isCompleted()) {
            try {
                transactions.rollback(status);
            } catch (Throwable t) {
                groupFailure.addSuppressed(t);
            }
        }
        if (groupFailure != null) {
            log.warn("A group of {} commands was not committed", group.size(), groupFailure);
            try {
                onFailedCommit.run();
            } catch (Throwable t) {
                log.error("Could not drop the cached state of a failed group", t);
            }
            for (Request<?> request : group) {
                request.result.completeExceptionally(request.failure != null ? request.failure : groupFailure);
            }
            return;
        }
        group.forEach(Request::complete);
        try {
            afterCommit.run();
        } catch (Throwable t) {
            log.warn("After-commit notification failed", t);
        }
    }

    /** Stops taking commands, runs the ones already queued and stops the dispatcher. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            open = false;
        }
        dispatcher.join(TimeUnit.SECONDS.toMillis(30));
    }

    private static final class Request<T> {
        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;
        Throwable failure;

        Request(Supplier<T> work) {
            this.work = work;
        }

        void run() {
            value = work.get();
        }

        void complete() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }
}
