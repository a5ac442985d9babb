package com.buildfactory.controlplane.storage;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The event log as everything but the command side reads it: the read side, time travel, the audit stream and the
 * read-model rebuilds. Positions are the log's global index: they only grow and are never reused. Reads take no
 * write lock. An engine (SQLite today) implements it; nothing outside the storage module names its tables.
 */
public interface EventLog {

    /** The position of the last stored event; -1 while the log is empty. */
    long head();

    /** Where each of an item's events after {@code afterSequence} sits, in sequence order (-1 for all of them). */
    List<ItemEventRef> itemEvents(String itemId, long afterSequence);

    /** At most {@code limit} events after {@code afterPosition}, in log order. */
    void readAfter(long afterPosition, int limit, Consumer<LogEntry> each);

    /**
     * Every event in one consistent read, each item's events together in sequence order, streamed: memory holds one
     * row at a time. {@code head} hears the head of that same read before the first event (not at all on an empty
     * log): every event committed later lies above it.
     */
    void readAllByItem(LongConsumer head, Consumer<LogEntry> each);
}
