package com.buildfactory.controlplane.storage;

/**
 * An empty store that a restore writes an archived log into: events at their original positions, the snapshots
 * taken at them, then the store is made ready for the service (on PostgreSQL the sequence moved past the highest
 * position, so the next append does not collide). Nothing is visible to a service until {@link Load#finish}
 * succeeds; closing an unfinished load leaves the store as it was. Failures are {@link StorageException}s.
 */
public interface LogRestoreTarget {

    /** Where the restore writes, for messages. */
    String describe();

    /**
     * Starts a load: refuses (nothing changed) a store that a running service uses, or that holds events unless
     * {@code replace} is set and the engine can replace a store.
     */
    Load open(boolean replace);

    /** Rows going into the store; close it in every case. */
    interface Load extends AutoCloseable {

        void event(LogEntry event);

        /** A later snapshot for the same event replaces an earlier one. */
        void snapshot(SnapshotEntry snapshot);

        /**
         * Keeps only each aggregate's newest snapshot of a stored event, checks the store holds {@code events} events
         * up to {@code lastPosition}, moves the position sequence past it and makes the store the live one.
         */
        Loaded finish(long events, long lastPosition);

        /** Ends the load; an unfinished one is rolled back or removed. */
        @Override
        void close();
    }

    /** What the restored store holds. */
    record Loaded(long events, long snapshots, long head) {
    }
}
