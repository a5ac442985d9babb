package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.domain.workitem.Lane;

/**
 * Which events a stream shows: one item's, and/or those that touch a lane (the item was in it before the event or
 * is in it after, so a runner watching in-progress sees items enter and leave). Null means any.
 */
record FeedFilter(String itemId, Lane lane) {

    boolean shows(String eventItemId, Lane before, Lane after) {
        if (itemId != null && !itemId.equals(eventItemId)) {
            return false;
        }
        return lane == null || lane == before || lane == after;
    }
}
