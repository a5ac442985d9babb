package com.buildfactory.controlplane.application.readyourwrites;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Readers waiting for an item page to reach a version, woken by the read-models processor when it commits a batch
 * that touched the item. A waiter also re-reads every {@link #RECHECK}: a bulk rebuild writes rows without the
 * processor, so no notification comes from it.
 */
public class ItemVersionWaits {

    static final Duration RECHECK = Duration.ofMillis(250);

    private final ConcurrentHashMap<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();

    /** The item page committed a new version of the item. */
    public void applied(String itemId) {
        CompletableFuture<Void> signal = signals.remove(itemId);
        if (signal != null) {
            signal.complete(null);
        }
    }

    /**
     * Waits until {@code held} reports at least {@code minVersion}, at most {@code wait}. The signal is taken before
     * each read, so a commit between the read and the wait is never missed. Returns the version last read.
     */
    public OptionalLong await(String itemId, long minVersion, Duration wait, Supplier<OptionalLong> held)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> signal = signals.computeIfAbsent(itemId, id -> new CompletableFuture<>());
            OptionalLong version = held.get();
            long left = deadline - System.nanoTime();
            if ((version.isPresent() && version.getAsLong() >= minVersion) || left <= 0) {
                return version;
            }
            try {
                signal.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // re-read below either way
            }
        }
    }

    int waiting() {
        return signals.size();
    }
}
