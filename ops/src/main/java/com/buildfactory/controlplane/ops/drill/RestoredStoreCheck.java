package com.buildfactory.controlplane.ops.drill;

import com.buildfactory.controlplane.ops.restore.RestoreResult;

/**
 * The caller's part of a drill, run while the restored database still exists: e.g. the application rebuilds the
 * read models from it and compares them with the live ones at the archived position.
 */
@FunctionalInterface
public interface RestoredStoreCheck {

    Outcome check(RestoreResult restored) throws Exception;

    RestoredStoreCheck NONE = restored -> new Outcome(true, "no read-model comparison requested");

    record Outcome(boolean passed, String detail) {
    }
}
