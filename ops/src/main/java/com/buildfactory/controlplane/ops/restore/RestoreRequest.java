package com.buildfactory.controlplane.ops.restore;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What to restore and where.
 *
 * @param from           an archive name, or {@value #LATEST}
 * @param toPosition     keep events up to this global position (inclusive), or null
 * @param toTime         keep the log up to the last event stamped at or before this moment, or null
 * @param targetDatabase the SQLite file to create or replace; null when the target is given apart (a PostgreSQL
 *                       database, {@link RestoreService#restore(RestoreRequest,
 *                       com.buildfactory.controlplane.storage.LogRestoreTarget)})
 * @param replace        allow replacing a target that already holds events
 */
public record RestoreRequest(String from, Long toPosition, Instant toTime, Path targetDatabase, boolean replace) {

    public static final String LATEST = "latest";

    public RestoreRequest {
        from = from == null || from.isBlank() ? LATEST : from.trim();
        if (toPosition != null && toTime != null) {
            throw new IllegalArgumentException("give --to-position or --to-time, not both");
        }
    }

    public static RestoreRequest latest(Path targetDatabase) {
        return new RestoreRequest(LATEST, null, null, targetDatabase, false);
    }
}
