package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.web.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds read models from the log while the service keeps taking commands: the processor is shut down, its
 * tokens reset (which runs its @ResetHandler, clearing its tables) and started again; it then replays from the
 * start of the log and carries on live. Axon refuses a reset while the processor runs, and a processor reset
 * before it had started once stayed in a replay that never advanced, so it is first awaited running.
 */
public class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public ProjectionReplays(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.clock = clock;
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

    /** Starts a replay and returns at once; the processor replays in its own threads. */
    public synchronized ProjectionStatus replay(String name) {
        TrackingEventProcessor processor = processor(name).orElseThrow(() -> new UnknownProjection(name, names()));
        if (isReplaying(processor)) {
            throw new ReplayInProgress(name);
        }
        awaitRunning(processor);
        long target = head();
        processor.shutDown();
        processor.resetTokens();
        Run run = new Run(clock.instant(), target);
        runs.put(name, run);
        processor.start();
        log.info("Replaying projection {} up to log position {}", name, target);
        Thread monitor = new Thread(() -> watch(name, run), "replay-monitor-" + name);
        monitor.setDaemon(true);
        monitor.start();
        return status(name, target);
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
        long position = trackers.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(0L)).min().orElse(0L);
        boolean replaying = isReplaying(processor);
        boolean error = processor.isError() || trackers.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        String state = error ? "error" : !processor.isRunning() ? "stopped" : replaying ? "replaying" : "running";
        Run run = runs.get(name);
        ProjectionStatus.Replay replay = null;
        if (run != null) {
            if (run.completedAt == null && processor.isRunning() && !error && position >= run.target) {
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
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!settled(processor)) {
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
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
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
        private final long target;
        private volatile Instant completedAt;
        private volatile long completedPosition;

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
