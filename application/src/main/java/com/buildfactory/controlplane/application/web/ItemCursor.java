package com.buildfactory.controlplane.application.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque cursor into the item list: the creation position of the last item shown. Tagged with its kind so that
 * a cursor from another listing is refused instead of silently misread.
 */
final class ItemCursor {

    private static final String KIND = "items:";

    private ItemCursor() {
    }

    static String encode(long createdPosition) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((KIND + createdPosition).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(KIND)) {
                long position = Long.parseLong(text.substring(KIND.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new InvalidInput("cursor", "is not a cursor of this item list; use the nextCursor it returned");
    }
}
