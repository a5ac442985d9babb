package com.buildfactory.controlplane.ops.archive;

import java.util.List;

/**
 * One folder under {@code archives/} as the listing shows it. {@code complete} means its manifest exists: only
 * complete entries are archives; the others are failed or running uploads. {@code damaged}: a scrub found it no
 * longer matches its manifest.
 */
public record CatalogEntry(ArchiveName name, boolean complete, boolean verified, boolean damaged, long storedBytes,
                           List<String> keys) {

    /** Complete, verified at upload and not found damaged since: fit to be restored and to base the next archive. */
    public boolean sound() {
        return complete && verified && !damaged;
    }
}
