package com.buildfactory.controlplane.ops.restore;

import com.buildfactory.controlplane.ops.archive.RowReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Rows of a part decoded on a thread of their own (decryption, inflation, JSON) while the caller inserts the previous
 * ones: on two cores the decoding and SQLite's inserts overlap. At most {@value #BATCHES} batches of {@value #BATCH}
 * rows wait. A failure of the reader surfaces in the caller at the row where it happened; closing stops the thread.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private static final int BATCH = 1_000;
    private static final int BATCHES = 4;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean closed;
    private List<T> batch = List.of();
    private int index;
    private boolean ended;

    ReadAhead(RowReader<T> rows, String name) {
        thread = new Thread(() -> {
            try (rows) {
                List<T> filling = new ArrayList<>(BATCH);
                Throwable failure = null;
                try {
                    while (!closed && rows.hasNext()) {
                        filling.add(rows.next());
                        if (filling.size() == BATCH) {
                            queue.put(filling);
                            filling = new ArrayList<>(BATCH);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                if (!filling.isEmpty()) {
                    queue.put(filling);
                }
                queue.put(failure != null ? failure : END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (index == batch.size()) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + thread.getName(), e);
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            }
            if (next instanceof Error failure) {
                ended = true;
                throw failure;
            }
            batch = (List<T>) next;
            index = 0;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(index++);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
