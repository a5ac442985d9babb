package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.workitem.WorkType;

/** Query parameters shared by the listings, each checked once: a 400 naming the parameter when wrong. */
final class QueryParams {

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

    /** An optional {@code workType} filter. */
    static WorkType workType(String text) {
        return text == null ? null : WorkType.parse(text).orElseThrow(() -> new InvalidInput("workType",
                "must be one of feature, bug, operations, chore, research"));
    }
}
