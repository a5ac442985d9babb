package com.buildfactory.controlplane.ops.backup;

import java.time.Duration;

/** Durations in messages an operator reads: "26 h", "45 min", "30 s" (not "0 h" for anything below an hour). */
public final class ReadableDuration {

    private ReadableDuration() {
    }

    public static String of(Duration duration) {
        if (duration.toHours() >= 1 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMinutes() >= 1 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }
}
