package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.ActionAvailability;

/** A command refused before anything was recorded. The reason is a code, so callers need not parse messages. */
public class CommandRejected extends RuntimeException {

    public enum Reason {
        PERMISSION_MISSING, STALE_VERSION, UNKNOWN_CRITERION, FOLLOW_UP_MISSING, FOLLOW_UP_IS_THIS_ITEM,
        SIGNAL_OUTSIDE_VOCABULARY
    }

    private final Reason reason;
    private final transient ActionAvailability availability;
    private final long currentVersion;

    public CommandRejected(Reason reason, String message, ActionAvailability availability, long currentVersion) {
        super(message, null, false, false);
        this.reason = reason;
        this.availability = availability;
        this.currentVersion = currentVersion;
    }

    public Reason reason() {
        return reason;
    }

    public ActionAvailability availability() {
        return availability;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
