package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The manifest, written last: an archive folder without one is not an archive. Positions are Axon global indexes,
 * both inclusive; an archive without events has {@code firstPosition = lastPosition + 1}. The identifier of the
 * last event lets the next run tell whether the store still continues this log (after a point-in-time restore it
 * does not, and the next archive must be full).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArchiveManifest(
        int formatVersion,
        String archive,
        String applicationVersion,
        Instant createdAt,
        ArchiveKind kind,
        String basedOn,
        long firstPosition,
        long lastPosition,
        long eventCount,
        long snapshotCount,
        String firstEventTime,
        String lastEventTime,
        String lastEventIdentifier,
        ArchiveEncryption encryption,
        List<ArchivePart> parts) {

    /** 2: parts are concatenated gzip members (1: a single member); rows are the same in both. */
    public static final int FORMAT_VERSION = 2;

    public ArchivePart part(String name) {
        return findPart(name).orElseThrow(() ->
                new ArchiveException("archive " + archive + " has no part " + name + " in its manifest"));
    }

    public Optional<ArchivePart> findPart(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    public long totalSize() {
        return parts.stream().mapToLong(ArchivePart::size).sum();
    }

    public boolean encrypted() {
        return encryption != null;
    }
}
