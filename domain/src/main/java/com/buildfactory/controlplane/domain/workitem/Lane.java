package com.buildfactory.controlplane.domain.workitem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lanes an item moves through, in delivery order. Done is terminal. */
public enum Lane {
    BACKLOG("Backlog", "backlog"),
    READY("Ready", "ready"),
    IN_PROGRESS("In Progress", "in-progress"),
    REVIEW("Review", "review"),
    DONE("Done", "done");

    private final String label;
    private final String slug;

    Lane(String label, String slug) {
        this.label = label;
        this.slug = slug;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return slug;
    }

    public boolean isBefore(Lane other) {
        return ordinal() < other.ordinal();
    }

    /** Accepts the slug ("in-progress"), the label ("In Progress") or the constant name, in any case. */
    public static Optional<Lane> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Arrays.stream(values()).filter(lane -> lane.slug.equals(wanted)).findFirst();
    }
}
