package com.buildfactory.controlplane.ops.archive;

import java.time.Instant;

/**
 * {@code verified.json}, written beside the manifest once every part was downloaded again, matched its SHA-256 and
 * read through to the last row. An archive without it is usable but unproven.
 */
public record VerifiedMarker(String archive, Instant verifiedAt, String manifestSha256, long eventCount,
                             long snapshotCount) {
}
