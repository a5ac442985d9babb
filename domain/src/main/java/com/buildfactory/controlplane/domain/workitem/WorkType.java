package com.buildfactory.controlplane.domain.workitem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum WorkType {
    FEATURE, BUG, OPERATIONS, CHORE, RESEARCH;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WorkType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.name().equals(wanted)).findFirst();
    }
}
