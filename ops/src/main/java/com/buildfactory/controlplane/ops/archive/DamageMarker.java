package com.buildfactory.controlplane.ops.archive;

import java.time.Instant;

/**
 * {@code damaged.json}, written beside the manifest by a scrub that found a part missing or different from what
 * the manifest says. It stays until retention deletes the archive; the archive is then never extended.
 */
public record DamageMarker(String archive, Instant detectedAt, String detail) {
}
