package com.buildfactory.controlplane.ops.archive;

import java.util.List;

/**
 * One folder under {@code archives/} as the listing shows it. {@code complete} means its manifest exists: only
 * complete entries are archives; the others are failed or running uploads.
 */
public record CatalogEntry(ArchiveName name, boolean complete, boolean verified, long storedBytes,
                           List<String> keys) {
}
