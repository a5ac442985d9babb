package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import java.time.Duration;
import java.time.Instant;

/**
 * One backup run. {@code reason} says why a run failed or was skipped; {@code archive} is set only when the run
 * left a complete, verified archive.
 */
public record BackupRun(
        Outcome outcome,
        ArchiveKind kind,
        Instant startedAt,
        Instant finishedAt,
        String archive,
        long firstPosition,
        long lastPosition,
        long eventCount,
        long snapshotCount,
        long bytes,
        String reason) {

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        SKIPPED
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    static BackupRun failed(ArchiveKind kind, Instant startedAt, Instant finishedAt, String reason) {
        return new BackupRun(Outcome.FAILED, kind, startedAt, finishedAt, null, 0, 0, 0, 0, 0, reason);
    }

    public static BackupRun skipped(ArchiveKind kind, Instant startedAt, Instant finishedAt, String reason) {
        return new BackupRun(Outcome.SKIPPED, kind, startedAt, finishedAt, null, 0, 0, 0, 0, 0, reason);
    }
}
