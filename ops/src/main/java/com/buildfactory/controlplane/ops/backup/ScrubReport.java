package com.buildfactory.controlplane.ops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One scrub run: archives re-read from the target and checked against their manifests.
 *
 * @param damaged  archives found damaged in this run (and marked so on the target)
 * @param failure  why the run stopped before checking everything (the target unreachable), or null
 */
public record ScrubReport(Instant startedAt, Duration took, int checked, List<String> damaged, String failure) {

    public boolean clean() {
        return damaged.isEmpty() && failure == null;
    }
}
