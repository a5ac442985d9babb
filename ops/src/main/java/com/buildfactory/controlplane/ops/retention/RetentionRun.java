package com.buildfactory.controlplane.ops.retention;

import java.time.Instant;

/**
 * The outcome of one retention run as health and the status show it: a failed run keeps archives (and the bucket
 * grows) until a later run succeeds, so it must be seen, not only logged.
 */
public record RetentionRun(Instant ranAt, boolean succeeded, int deletedArchives, String detail) {

    public static RetentionRun of(RetentionReport report) {
        return new RetentionRun(report.ranAt(), true, report.deleted().size(), "deleted " + report.deleted().size()
                + " archives and " + report.removedUnfinished().size() + " unfinished folders, kept "
                + report.kept().size());
    }

    public static RetentionRun failed(Instant ranAt, String reason) {
        return new RetentionRun(ranAt, false, 0, reason);
    }
}
