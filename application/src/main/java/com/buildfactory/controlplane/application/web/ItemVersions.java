package com.buildfactory.controlplane.application.web;

/** The aggregate version is the item's ETag: {@code "<sequence number of its last event>"}. */
final class ItemVersions {

    /** Answers of actions and edits name the version to read back with {@code Min-Version}. */
    static final String ITEM_VERSION = "Item-Version";

    private ItemVersions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * True when an If-None-Match header names this version (or is {@code *}). Compared weakly, as RFC 9110 asks
     * for If-None-Match; a value that is no version of ours matches nothing.
     */
    static boolean named(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*")) {
                return true;
            }
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.replace("\"", "").equals(Long.toString(version))) {
                return true;
            }
        }
        return false;
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
