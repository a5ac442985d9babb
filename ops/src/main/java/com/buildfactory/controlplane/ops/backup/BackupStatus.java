package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.retention.RetentionRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sees about backups: the target, the recent runs, the last failure with its reason, the last
 * drill, the last retention run, and the usable archives (oldest first). {@code listingError} is set when the target
 * could not be listed.
 */
public record BackupStatus(
        String target,
        List<BackupRun> recentRuns,
        BackupRun lastFailure,
        DrillReport lastDrill,
        RetentionRun lastRetention,
        ScrubReport lastScrub,
        List<ArchiveSummary> archives,
        Instant newestVerifiedAt,
        String listingError) {

    public static final Duration DEFAULT_MAX_VERIFIED_AGE = Duration.ofHours(26);

    public BackupRun lastRun() {
        return recentRuns.isEmpty() ? null : recentRuns.get(recentRuns.size() - 1);
    }

    /**
     * Degraded when the newest verified archive is older than {@code maxVerifiedAge} (or there is none), the last
     * run failed, the target cannot be listed, the last drill, retention or scrub run failed, or an archive newer
     * than the newest sound full archive was found damaged (the restore path of the latest state is broken until
     * the next full archive, which shipping then takes at once).
     */
    public Health health(Instant now, Duration maxVerifiedAge) {
        BackupRun last = lastRun();
        if (listingError != null) {
            return new Health(false, "backup target cannot be listed: " + listingError);
        }
        if (last != null && last.outcome() == BackupRun.Outcome.FAILED) {
            return new Health(false, "last backup run failed: " + last.reason());
        }
        if (newestVerifiedAt == null) {
            return new Health(false, "no verified archive yet");
        }
        if (newestVerifiedAt.isBefore(now.minus(maxVerifiedAge))) {
            return new Health(false, "newest verified archive is from " + newestVerifiedAt + ", older than "
                    + ReadableDuration.of(maxVerifiedAge));
        }
        if (lastDrill != null && !lastDrill.passed()) {
            return new Health(false, "last restore drill failed: " + lastDrill.detail());
        }
        List<ArchiveSummary> damaged = archives.stream().filter(ArchiveSummary::damaged)
                .filter(archive -> !archive.createdAt().isBefore(newestSoundFull()))
                .toList();
        if (!damaged.isEmpty()) {
            ArchiveSummary first = damaged.get(0);
            return new Health(false, "archive " + first.name() + " is damaged ("
                    + (first.lastVerification() == null ? "found by a scrub" : first.lastVerification().detail())
                    + "); the next shipping run takes a full archive");
        }
        if (lastScrub != null && lastScrub.failure() != null) {
            return new Health(false, "last scrub failed: " + lastScrub.failure());
        }
        if (lastRetention != null && !lastRetention.succeeded()) {
            return new Health(false, "last retention run failed (old archives are kept until one succeeds): "
                    + lastRetention.detail());
        }
        return new Health(true, "newest verified archive from " + newestVerifiedAt);
    }

    /** The creation time of the newest full archive that is verified and not damaged (Instant.MIN if none). */
    private Instant newestSoundFull() {
        return archives.stream().filter(a -> a.kind() == com.buildfactory.controlplane.ops.archive.ArchiveKind.FULL)
                .filter(a -> a.verified() && !a.damaged()).map(ArchiveSummary::createdAt)
                .max(Instant::compareTo).orElse(Instant.MIN);
    }

    public record Health(boolean up, String detail) {
    }
}
