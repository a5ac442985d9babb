package com.buildfactory.controlplane.ops.backup;

import java.time.Instant;

/**
 * The last scrub of one archive: when, whether every part still matched its manifest, and what did not.
 *
 * @param passed false: the archive is marked damaged on the target
 */
public record ArchiveCheck(String archive, Instant checkedAt, boolean passed, String detail) {
}
