package com.buildfactory.controlplane.storage;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The log as a backup reads it: one consistent point of the log (its head, the events in a position range and the
 * snapshots taken at them, all from the same read), and the event at a position, which tells whether the store still
 * continues an archived log. Reads take no write lock. Failures are {@link StorageException}s.
 */
public interface LogArchiveSource {

    /** Where the log is, for messages (a file, or a database URL without its secrets). */
    String describe();

    /** The identifier of the event stored at {@code position}, if any. */
    Optional<String> eventIdentifierAt(long position);

    /**
     * Runs {@code reading} inside one read of the log that sees a single committed point: every event at or below
     * its {@link ConsistentLog#head()} is in it, and every event committed later lies above that head.
     */
    <T> T consistentRead(Reading<T> reading);

    /** Work done inside one consistent read. */
    interface Reading<T> {
        T read(ConsistentLog log);
    }

    /** The log at one point; valid only inside {@link #consistentRead}. */
    interface ConsistentLog {

        /** The position of the last event at this point; 0 while the log is empty. */
        long head();

        /** Events with {@code after < position <= upTo}, in log order, streamed. */
        void events(long after, long upTo, Consumer<LogEntry> each);

        /** The snapshots taken at events with {@code after < position <= upTo}, in log order, streamed. */
        void snapshotsAt(long after, long upTo, Consumer<SnapshotEntry> each);
    }
}
