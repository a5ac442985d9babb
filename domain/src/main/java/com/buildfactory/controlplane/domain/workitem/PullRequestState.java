package com.buildfactory.controlplane.domain.workitem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum PullRequestState {
    OPEN, MERGED, CLOSED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PullRequestState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(state -> state.name().equals(wanted)).findFirst();
    }
}
