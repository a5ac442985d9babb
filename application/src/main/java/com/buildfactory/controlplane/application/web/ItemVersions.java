package com.buildfactory.controlplane.application.web;

/** The aggregate version is the item's ETag: {@code "<sequence number of its last event>"}. */
final class ItemVersions {

    private ItemVersions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header expects, or null when there is none or it is {@code *}. */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "must be an ETag this service returned, like \"12\"");
        }
    }
}
