package com.buildfactory.controlplane.application.diskfull;

import com.buildfactory.controlplane.storage.WriteProbe;

import java.time.Instant;

/**
 * Whether a failure was the disk running full, and since when the database has been unable to write for that
 * reason. Set by the answer to a failed command, cleared by the health probe once a real write succeeds again.
 * The storage engine says what a full disk looks like (SQLITE_FULL, PostgreSQL's 53100, ENOSPC).
 */
public class DiskFull {

    private final WriteProbe probe;
    private volatile Instant since;

    public DiskFull(WriteProbe probe) {
        this.probe = probe;
    }

    /** The engine's name for the full disk behind this failure, or null when the failure is something else. */
    public String causeOf(Throwable failure) {
        return probe.diskFull(failure);
    }

    /** A write failed on a full disk. */
    public void seen() {
        if (since == null) {
            since = Instant.now();
        }
    }

    public void cleared() {
        since = null;
    }

    /** When writes started failing with a full disk, or null while they do not. */
    public Instant since() {
        return since;
    }
}
