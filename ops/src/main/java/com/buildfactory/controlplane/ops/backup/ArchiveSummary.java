package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.CatalogEntry;
import java.time.Instant;

/**
 * One archive as {@code GET /api/admin/backups} and the {@code archives} command list it. {@code verified}: checked
 * after upload; {@code damaged}: a later scrub found it different from its manifest; {@code lastVerification}: the
 * latest check of its stored bytes (a scrub, or the upload check, dated by the archive's creation).
 */
public record ArchiveSummary(String name, ArchiveKind kind, Instant createdAt, String basedOn, long firstPosition,
                             long lastPosition, long eventCount, long snapshotCount, long sizeBytes,
                             boolean encrypted, boolean verified, boolean damaged, Verification lastVerification) {

    /** @param by {@code upload} or {@code scrub} */
    public record Verification(Instant at, String by, boolean passed, String detail) {
    }

    static ArchiveSummary of(ArchiveManifest manifest, CatalogEntry entry, ArchiveCheck scrub) {
        Verification last = scrub != null ? new Verification(scrub.checkedAt(), "scrub", scrub.passed(), scrub.detail())
                : entry.verified() ? new Verification(manifest.createdAt(), "upload", true, "every part matched")
                : null;
        return new ArchiveSummary(manifest.archive(), manifest.kind(), manifest.createdAt(), manifest.basedOn(),
                manifest.firstPosition(), manifest.lastPosition(), manifest.eventCount(), manifest.snapshotCount(),
                manifest.totalSize(), manifest.encrypted(), entry.verified(), entry.damaged(), last);
    }
}
