package com.buildfactory.controlplane.storage.sqlite;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Turns at SQLite's write lock: one at a time, commands before fresh background work, patience bounded. */
class SqliteWriteQueueTest {

    // Patient enough that a slow machine's thread start-ups never make the background overdue by accident.
    private SqliteWriteQueue queue = new SqliteWriteQueue(Duration.ofMinutes(1));
    private final List<String> order = new CopyOnWriteArrayList<>();

    private Thread turn(String name, boolean command) {
        Thread thread = new Thread(() -> {
            if (command) {
                queue.enter();
            } else {
                queue.enterBehindCommands();
            }
            try {
                order.add(name);
            } finally {
                queue.leave();
            }
        }, name);
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(thread.getName() + " never queued").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void aWaitingCommandGoesBeforeBackgroundThatArrivedEarlier() throws Exception {
        queue.enter();
        Thread processor = turn("processor", false);
        awaitWaiting(processor);
        Thread command = turn("command", true);
        awaitWaiting(command);
        queue.leave();
        processor.join(10_000);
        command.join(10_000);
        assertThat(order).containsExactly("command", "processor");
    }

    @Test
    void backgroundThatWaitedItsPatienceOutGoesFirst() throws Exception {
        queue = new SqliteWriteQueue(Duration.ofMillis(5));
        queue.enter();
        Thread processor = turn("processor", false);
        awaitWaiting(processor);
        Thread.sleep(20);
        Thread command = turn("command", true);
        awaitWaiting(command);
        queue.leave();
        processor.join(10_000);
        command.join(10_000);
        assertThat(order).containsExactly("processor", "command");
    }

    @Test
    void backgroundTurnsKeepTheirArrivalOrderAndReenteringIsFree() throws Exception {
        queue.enterBehindCommands();
        queue.enter();
        assertThat(queue.isHeldByCurrentThread()).isTrue();
        queue.leave();
        assertThat(queue.isHeldByCurrentThread()).isTrue();
        Thread first = turn("first", false);
        awaitWaiting(first);
        Thread second = turn("second", false);
        awaitWaiting(second);
        queue.leave();
        assertThat(queue.isHeldByCurrentThread()).isFalse();
        first.join(10_000);
        second.join(10_000);
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void oneTurnAtATimeUnderContention() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger turns = new AtomicInteger();
        int threads = 12;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            boolean command = t % 3 == 0;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (command) {
                        queue.enter();
                    } else {
                        queue.enterBehindCommands();
                    }
                    try {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        turns.incrementAndGet();
                        inside.decrementAndGet();
                    } finally {
                        queue.leave();
                    }
                }
                done.countDown();
            });
            thread.start();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every thread got all its turns").isTrue();
        assertThat(overlaps.get()).isZero();
        assertThat(turns.get()).isEqualTo(threads * 2_000);
    }

    @Test
    void anInterruptedWaiterStillGetsItsTurnAndKeepsTheInterrupt() throws Exception {
        queue.enter();
        boolean[] interruptedAfter = new boolean[1];
        Thread waiter = new Thread(() -> {
            queue.enterBehindCommands();
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
            order.add("waiter");
            queue.leave();
        });
        waiter.start();
        awaitWaiting(waiter);
        waiter.interrupt();
        Thread.sleep(20);
        assertThat(order).isEmpty();
        queue.leave();
        waiter.join(10_000);
        assertThat(order).containsExactly("waiter");
        assertThat(interruptedAfter[0]).isTrue();
    }
}
