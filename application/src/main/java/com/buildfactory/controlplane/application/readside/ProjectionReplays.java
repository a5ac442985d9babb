package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.web.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.buildfactory.controlplane.storage.EventLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Rebuilds read models from the log while the service keeps taking commands. The processor is shut down; a read
 * model with a bulk rebuild ({@link BulkRebuild}) is then folded from the log in memory and written once per item,
 * its token stored at the head it read, and the processor started again to carry on live from there. One without
 * (or when the bulk rebuild fails) has its tokens reset (which runs its @ResetHandler, clearing its tables) and is
 * started again, replaying event by event from the start of the log. Axon refuses a reset while the processor
 * runs, and a processor reset before it had started once stayed in a replay that never advanced, so it is first
 * awaited running.
 */
public class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final EventLog eventLog;
    private final Clock clock;
    private final BulkRebuild bulk;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public ProjectionReplays(EventProcessingConfiguration processing, EventLog eventLog, Clock clock,
                             BulkRebuild bulk) {
        this.processing = processing;
        this.eventLog = eventLog;
        this.clock = clock;
        this.bulk = bulk;
    }

    public List<String> names() {
        return processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(p -> p.getName()).sorted().toList();
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        return names().stream().map(name -> status(name, head)).toList();
    }

    public Optional<ProjectionStatus> status(String name) {
        return processor(name).map(p -> status(name, head()));
    }

    /** Starts a replay and returns at once; it runs in its own thread, or in the processor's. */
    public synchronized ProjectionStatus replay(String name) {
        TrackingEventProcessor processor = processor(name).orElseThrow(() -> new UnknownProjection(name, names()));
        if (isReplaying(processor) || rebuilding(name)) {
            throw new ReplayInProgress(name);
        }
        Instant startedAt = clock.instant();
        if (bulk.supports(name)) {
            // A processor shut down while it is still starting can leave a worker behind that the shutdown does
            // not await: wait until its segment is claimed (not until it is caught up, which takes a second more).
            await(processor, () -> processor.isRunning() && !processor.processingStatus().isEmpty());
            long target = head();
            // The worker notices a shutdown only when its wait for events ends (up to a second): the log is read
            // and folded meanwhile, and nothing is written before it has stopped.
            CompletableFuture<Void> stopped = processor.shutdownAsync();
            Run run = new Run(startedAt, target);
            run.rebuilding = true;
            runs.put(name, run);
            Thread rebuild = new Thread(() -> rebuild(processor, stopped, run), "replay-" + name);
            rebuild.setDaemon(true);
            rebuild.start();
            log.info("Rebuilding projection {} in bulk from the log (head about {})", name, target);
            return status(name, target);
        }
        awaitRunning(processor);
        long target = head();
        processor.shutDown();
        processor.resetTokens();
        Run run = new Run(startedAt, target);
        runs.put(name, run);
        processor.start();
        log.info("Replaying projection {} up to log position {}", name, target);
        watchInBackground(name, run);
        return status(name, target);
    }

    /** True while a bulk rebuild of the projection runs (its processor is shut down meanwhile). */
    public boolean rebuilding(String name) {
        Run run = runs.get(name);
        return run != null && run.rebuilding;
    }

    private void rebuild(TrackingEventProcessor processor, CompletableFuture<Void> stopped, Run run) {
        String name = processor.getName();
        try {
            long head = bulk.rebuild(name, run::folded, () -> awaitStopped(name, stopped));
            run.target = head;
            processor.start();
            run.complete(clock.instant(), head);
            run.rebuilding = false;
            log.info("Rebuilt projection {} up to log position {} ({} events/s)", name, head,
                    run.view(clock.instant(), head).eventsPerSecond());
        } catch (RuntimeException | Error e) {
            log.warn("Bulk rebuild of projection {} failed; replaying it through its processor instead", name, e);
            try {
                stopped.join();
                processor.resetTokens();
            } finally {
                processor.start();
                run.rebuilding = false;
                watchInBackground(name, run);
            }
        }
    }

    /**
     * A processor's worker notices a shutdown only when its wait for new events ends (Axon's event availability
     * timeout, a second). A worker caught in that wait is interrupted, as Axon's own shutdown interrupts a worker
     * that outlives its termination timeout; it then leaves quietly. One handling a batch is left to finish it.
     */
    private static void awaitStopped(String name, CompletableFuture<Void> stopped) {
        while (true) {
            wakeIdleWorkers(name);
            try {
                stopped.get(50, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // still stopping: look again
            } catch (ExecutionException e) {
                throw new IllegalStateException("Projection " + name + " did not shut down", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void wakeIdleWorkers(String name) {
        String worker = "EventProcessor[" + name + "]";
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith(worker) && thread.getState() == Thread.State.TIMED_WAITING
                    && Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("hasNextAvailable")
                    && frame.getClassName().startsWith("org.axonframework.eventsourcing.eventstore."))) {
                thread.interrupt();
            }
        });
    }

    private void watchInBackground(String name, Run run) {
        Thread monitor = new Thread(() -> watch(name, run), "replay-monitor-" + name);
        monitor.setDaemon(true);
        monitor.start();
    }

    /** Polls the replay until it is complete, so that its rate is measured at its end, not at the next look. */
    private void watch(String name, Run run) {
        long deadline = System.nanoTime() + Duration.ofHours(6).toNanos();
        while (run.completedAt == null && runs.get(name) == run && System.nanoTime() < deadline) {
            try {
                status(name, head());
            } catch (RuntimeException e) {
                log.debug("Replay monitor of {} could not read its status", name, e);
            }
            sleep(50);
        }
    }

    /** True once the processor is running, no longer replaying and at the log's head. */
    public boolean caughtUp(String name) {
        TrackingEventProcessor processor = processor(name).orElseThrow(() -> new UnknownProjection(name, names()));
        ProjectionStatus status = status(name, head());
        return processor.isRunning() && !isReplaying(processor) && status.lag() == 0;
    }

    private ProjectionStatus status(String name, long head) {
        TrackingEventProcessor processor = processor(name).orElseThrow();
        Map<Integer, EventTrackerStatus> trackers = processor.processingStatus();
        Run run = runs.get(name);
        boolean rebuilding = run != null && run.rebuilding;
        long position = rebuilding ? run.folded : trackers.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(0L)).min().orElse(0L);
        boolean replaying = isReplaying(processor);
        boolean error = processor.isError() || trackers.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        String state = error ? "error" : rebuilding ? "replaying" : !processor.isRunning() ? "stopped"
                : replaying ? "replaying" : "running";
        ProjectionStatus.Replay replay = null;
        if (run != null) {
            if (run.completedAt == null && !rebuilding && processor.isRunning() && !error
                    && position >= run.target) {
                run.complete(clock.instant(), position);
            }
            replay = run.view(clock.instant(), position);
        }
        return new ProjectionStatus(name, state, position, head, Math.max(0, head - position), replay);
    }

    /**
     * Running, every segment claimed, and caught up with the log once: a processor shut down and reset while its
     * worker was still starting was seen stuck in a replay token that never advanced.
     */
    private void awaitRunning(TrackingEventProcessor processor) {
        await(processor, () -> settled(processor));
    }

    private static void await(TrackingEventProcessor processor, BooleanSupplier started) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!started.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Projection " + processor.getName() + " did not start within "
                        + START_WAIT.toSeconds() + "s; it cannot be replayed now.");
            }
            sleep(20);
        }
    }

    private static boolean settled(TrackingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && !status.isEmpty()
                && status.values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState());
    }

    /**
     * Axon keeps a segment in its replay token until an event beyond the reset position arrives, so a replay that
     * reached the head of a quiet log still says "replaying". It is replaying here only while behind that position.
     */
    private static boolean isReplaying(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream().anyMatch(s -> s.isReplaying()
                && s.getCurrentPosition().orElse(0L) < s.getResetPosition().orElse(Long.MAX_VALUE));
    }

    private Optional<TrackingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class);
    }

    private long head() {
        return Math.max(0, eventLog.head());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Run {
        private final Instant startedAt;
        /** The head when the replay was asked for; a bulk rebuild sets it to the head of its read snapshot. */
        private volatile long target;
        private volatile Instant completedAt;
        private volatile long completedPosition;
        private volatile boolean rebuilding;
        /** Events folded so far by a bulk rebuild: its position, as near as item order allows. */
        private volatile long folded;

        void folded(long events) {
            folded = events;
        }

        Run(Instant startedAt, long target) {
            this.startedAt = startedAt;
            this.target = target;
        }

        void complete(Instant at, long position) {
            completedAt = at;
            completedPosition = position;
        }

        ProjectionStatus.Replay view(Instant now, long position) {
            long reached = completedAt != null ? Math.min(completedPosition, target) : Math.min(position, target);
            Instant end = completedAt != null ? completedAt : now;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toNanos() / 1e9);
            double progress = target == 0 ? 1.0 : Math.min(1.0, (double) reached / target);
            return new ProjectionStatus.Replay(startedAt, completedAt, target, reached,
                    Math.round(progress * 1000) / 1000.0, Math.round(reached / seconds * 10) / 10.0);
        }
    }

    /** No tracking processor of that name exists. */
    public static class UnknownProjection extends NotFound {
        public UnknownProjection(String name, List<String> known) {
            super("No projection " + name + " exists. Projections: " + String.join(", ", known) + ".");
        }
    }

    /** The projection is being replayed already. */
    public static class ReplayInProgress extends RuntimeException {
        public ReplayInProgress(String name) {
            super("Projection " + name + " is being replayed already; follow it in GET /api/admin/projections.",
                    null, false, false);
        }
    }
}
