package com.buildfactory.controlplane.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * SQLite has one writer. Letting several command threads race for its lock stalled same-item commands for the
 * whole busy timeout; one fair lock around each command's unit of work (load, decide, append, commit) removed the
 * stalls and costs no throughput, since the database serialises writers anyway.
 */
public class SingleWriter {

    private final ReentrantLock lock = new ReentrantLock(true);

    public <T> T write(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
