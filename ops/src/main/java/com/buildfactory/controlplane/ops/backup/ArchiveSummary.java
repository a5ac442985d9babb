package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import java.time.Instant;

/** One usable archive as {@code GET /api/admin/backups} lists it. */
public record ArchiveSummary(String name, ArchiveKind kind, Instant createdAt, String basedOn, long firstPosition,
                             long lastPosition, long eventCount, long snapshotCount, long sizeBytes,
                             boolean encrypted, boolean verified) {

    static ArchiveSummary of(ArchiveManifest manifest, boolean verified) {
        return new ArchiveSummary(manifest.archive(), manifest.kind(), manifest.createdAt(), manifest.basedOn(),
                manifest.firstPosition(), manifest.lastPosition(), manifest.eventCount(), manifest.snapshotCount(),
                manifest.totalSize(), manifest.encrypted(), verified);
    }
}
