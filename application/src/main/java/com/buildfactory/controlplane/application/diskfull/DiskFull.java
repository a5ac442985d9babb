package com.buildfactory.controlplane.application.diskfull;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.time.Instant;

/**
 * Whether a failure was the disk running full, and since when the database has been unable to write for that
 * reason. Set by the answer to a failed command, cleared by the health probe once a real write succeeds again.
 */
public class DiskFull {

    private volatile Instant since;

    /** SQLITE_FULL anywhere in the cause chain (sqlite-jdbc), or the operating system's ENOSPC message. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("No space left on device")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

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
