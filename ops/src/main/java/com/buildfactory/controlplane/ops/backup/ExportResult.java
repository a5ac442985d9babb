package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchivePart;
import java.util.List;

/** What one export read: positions are inclusive; with no events {@code firstPosition = lastPosition + 1}. */
public record ExportResult(long firstPosition, long lastPosition, long eventCount, long snapshotCount,
                           String firstEventTime, String lastEventTime, String lastEventIdentifier,
                           List<ArchivePart> parts) {
}
