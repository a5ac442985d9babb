package com.buildfactory.controlplane.ops.restore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A finished restore: the archives applied in order, what the restored store holds, and how long it took. */
public record RestoreResult(Path database, List<String> archives, long eventCount, long snapshotCount,
                            long lastPosition, String lastEventTime, Duration took) {
}
