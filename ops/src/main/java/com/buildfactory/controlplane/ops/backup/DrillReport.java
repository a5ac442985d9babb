package com.buildfactory.controlplane.ops.backup;

import java.time.Duration;
import java.time.Instant;

/** The result of one restore drill: the newest archive restored into scratch space and checked. */
public record DrillReport(boolean passed, Instant startedAt, Duration took, String archive, long events,
                          long lastPosition, String detail) {
}
