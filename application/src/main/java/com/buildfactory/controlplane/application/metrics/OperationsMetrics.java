package com.buildfactory.controlplane.application.metrics;

import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.retention.RetentionRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read at scrape time: processor lag, backups (from the local run history, never a bucket listing, so a
 * scrape costs no request to the provider), drill, scrub and retention results, and the database and WAL sizes.
 * A value that does not exist yet (no backup so far) is NaN, which Prometheus shows as no sample.
 */
public class OperationsMetrics implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventLog eventLog;
    private final BackupStatusStore backups;
    private final StorageProperties storage;
    private final Clock clock;

    public OperationsMetrics(EventProcessingConfiguration processing, EventLog eventLog, BackupStatusStore backups,
                             StorageProperties storage, Clock clock) {
        this.processing = processing;
        this.eventLog = eventLog;
        this.backups = backups;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("control_plane_event_log_head", this, OperationsMetrics::head)
                .description("Global position of the newest event").register(registry);
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof TrackingEventProcessor tracking) {
                Gauge.builder("control_plane_processor_lag_events", tracking, this::lag)
                        .description("Events between the log head and the processor's position")
                        .tag("processor", tracking.getName()).register(registry);
                Gauge.builder("control_plane_processor_behind_seconds", tracking, this::behind)
                        .description("Freshness: how much older the processor's last event is than the newest event")
                        .tag("processor", tracking.getName()).baseUnit("seconds").register(registry);
                Gauge.builder("control_plane_processor_running", tracking,
                                p -> p.isRunning() && !p.isError() ? 1 : 0)
                        .description("1 while the processor runs without error")
                        .tag("processor", tracking.getName()).register(registry);
            }
        }
        backupGauge(registry, "control_plane_backup_last_success_age_seconds",
                "Seconds since the last backup run that left a verified archive",
                store -> lastSuccess(store, run -> seconds(Duration.between(run.finishedAt(), clock.instant()))));
        backupGauge(registry, "control_plane_backup_last_success_size_bytes", "Bytes of that archive",
                store -> lastSuccess(store, run -> (double) run.bytes()));
        backupGauge(registry, "control_plane_backup_last_success_duration_seconds", "How long that run took",
                store -> lastSuccess(store, run -> seconds(run.took())));
        backupGauge(registry, "control_plane_backup_last_run_failed", "1 when the newest backup run failed",
                store -> store.runs().isEmpty() ? Double.NaN
                        : store.runs().get(store.runs().size() - 1).outcome() == BackupRun.Outcome.FAILED ? 1 : 0);
        backupGauge(registry, "control_plane_backup_drill_passed", "1 when the last restore drill passed, 0 failed",
                store -> drill(store, report -> report.passed() ? 1.0 : 0.0));
        backupGauge(registry, "control_plane_backup_drill_age_seconds", "Seconds since the last restore drill",
                store -> drill(store, report -> seconds(Duration.between(report.startedAt(), clock.instant()))));
        backupGauge(registry, "control_plane_backup_scrub_damaged_archives", "Archives the last scrub found damaged",
                store -> scrub(store, report -> (double) report.damaged().size()));
        backupGauge(registry, "control_plane_backup_scrub_failed", "1 when the last scrub could not finish",
                store -> scrub(store, report -> report.failure() == null ? 0.0 : 1.0));
        backupGauge(registry, "control_plane_backup_scrub_age_seconds", "Seconds since the last scrub",
                store -> scrub(store, report -> seconds(Duration.between(report.startedAt(), clock.instant()))));
        backupGauge(registry, "control_plane_backup_retention_failed", "1 when the last retention run failed",
                store -> {
                    RetentionRun run = store.lastRetention();
                    return run == null ? Double.NaN : run.succeeded() ? 0 : 1;
                });
        Path database = storage.databaseFile();
        for (var file : List.of(new String[] {"database", ""}, new String[] {"wal", "-wal"})) {
            Path path = database.resolveSibling(database.getFileName() + file[1]);
            Gauge.builder("control_plane_database_file_bytes", path, OperationsMetrics::size)
                    .description("Size of the SQLite database file and its write-ahead log")
                    .tag("file", file[0]).baseUnit("bytes").register(registry);
        }
    }

    private void backupGauge(MeterRegistry registry, String name, String description,
                             ToDoubleFunction<BackupStatusStore> value) {
        Gauge.builder(name, backups, value).description(description).register(registry);
    }

    private double head() {
        return eventLog.head();
    }

    private double lag(TrackingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
        return Math.max(0, head() - position);
    }

    /** 0 when caught up; else the time between the event at the processor's position and the newest event. */
    private double behind(TrackingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
        double head = head();
        if (position >= head) {
            return 0;
        }
        Instant atPosition = timeOfEventAt(Math.max(position, 0));
        Instant atHead = timeOfEventAt((long) head);
        if (atPosition == null || atHead == null) {
            return Double.NaN;
        }
        return seconds(Duration.between(atPosition, atHead));
    }

    private Instant timeOfEventAt(long position) {
        Instant[] time = new Instant[1];
        eventLog.readAfter(position - 1, 1, (LogEntry entry) -> time[0] = Instant.parse(entry.timeStamp()));
        return time[0];
    }

    private static double lastSuccess(BackupStatusStore store, Function<BackupRun, Double> value) {
        List<BackupRun> runs = store.runs();
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).outcome() == BackupRun.Outcome.SUCCEEDED) {
                return value.apply(runs.get(i));
            }
        }
        return Double.NaN;
    }

    private static double drill(BackupStatusStore store, Function<DrillReport, Double> value) {
        return store.lastDrill() == null ? Double.NaN : value.apply(store.lastDrill());
    }

    private static double scrub(BackupStatusStore store, Function<ScrubReport, Double> value) {
        return store.lastScrub() == null ? Double.NaN : value.apply(store.lastScrub());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static double size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
