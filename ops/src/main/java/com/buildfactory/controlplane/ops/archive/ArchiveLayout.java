package com.buildfactory.controlplane.ops.archive;

/** Where the objects of an archive live, relative to a target's root. */
public final class ArchiveLayout {

    public static final String ARCHIVES = "archives/";
    public static final String EVENTS = "events.ndjson.gz";
    public static final String SNAPSHOTS = "snapshots.ndjson.gz";
    public static final String MANIFEST = "manifest.json";
    public static final String VERIFIED = "verified.json";
    /** Written by a scrub that found the stored archive damaged; such an archive never bases a new one. */
    public static final String DAMAGED = "damaged.json";

    private ArchiveLayout() {
    }

    public static String folder(String archive) {
        return ARCHIVES + archive + "/";
    }

    public static String key(String archive, String object) {
        return folder(archive) + object;
    }
}
