package com.buildfactory.controlplane.ops.retention;

import java.time.Instant;
import java.util.List;

/** What one retention run did; {@code protectedFull} is the newest verified full archive, kept whatever its age. */
public record RetentionReport(Instant ranAt, List<String> deleted, List<String> kept, String protectedFull,
                              List<String> removedUnfinished, int abortedUploads) {
}
