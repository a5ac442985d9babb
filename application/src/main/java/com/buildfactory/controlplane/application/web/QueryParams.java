package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.workitem.WorkType;

/** Query parameters shared by the listings, each checked once: a 400 naming the parameter when wrong. */
public final class QueryParams {

    private QueryParams() {
    }

    /** The {@code limit} of a paged listing: a default when absent, refused outside 1..max. */
    static int limit(Integer limit, int defaultSize, int max) {
        int size = limit == null ? defaultSize : limit;
        if (size < 1 || size > max) {
            throw new InvalidInput("limit", "must be between 1 and " + max);
        }
        return size;
    }

    /** A whole-number parameter given as text: a default when absent, refused when not a number in min..max. */
    public static long number(String field, String text, long min, long max, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput(field, "must be a whole number between " + min + " and " + max);
    }

    /** An optional {@code workType} filter. */
    static WorkType workType(String text) {
        return text == null ? null : WorkType.parse(text).orElseThrow(() -> new InvalidInput("workType",
                "must be one of feature, bug, operations, chore, research"));
    }
}
