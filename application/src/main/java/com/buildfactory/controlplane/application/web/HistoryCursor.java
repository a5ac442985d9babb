package com.buildfactory.controlplane.application.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque cursor into one item's history: the item and the sequence number of the last event shown. A cursor of
 * another item or another listing is refused instead of silently misread.
 */
final class HistoryCursor {

    private static final String KIND = "history:";

    private HistoryCursor() {
    }

    static String encode(String itemId, long sequenceNumber) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((KIND + itemId + ":" + sequenceNumber).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor, String itemId) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String prefix = KIND + itemId + ":";
            if (text.startsWith(prefix)) {
                long position = Long.parseLong(text.substring(prefix.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new InvalidInput("cursor", "is not a cursor of this item's history; use the nextCursor it returned");
    }
}
