package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveJson;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.Sha256;
import com.buildfactory.controlplane.ops.archive.StoredArchiveCheck;
import com.buildfactory.controlplane.ops.archive.VerifiedMarker;
import java.time.Clock;

/**
 * Proves an archive readable from the target itself: streams every part down again, matches size and SHA-256 with
 * the manifest, reads every row through decryption and decompression, counts rows and checks event positions (see
 * {@link StoredArchiveCheck}), then writes {@code verified.json}. Nothing is written locally.
 */
public final class ArchiveVerifier {

    private final ArchiveCatalog catalog;
    private final ArchiveKey key;
    private final Clock clock;

    public ArchiveVerifier(ArchiveCatalog catalog, ArchiveKey keyOrNull, Clock clock) {
        this.catalog = catalog;
        this.key = keyOrNull;
        this.clock = clock;
    }

    public VerifiedMarker verify(String archive) {
        ArchiveManifest manifest = catalog.manifest(archive);
        String manifestSha256 = Sha256.of(catalog.target().getBytes(ArchiveLayout.key(archive,
                ArchiveLayout.MANIFEST)));
        if (!ArchiveJson.read(catalog.target().getBytes(ArchiveLayout.key(archive, ArchiveLayout.MANIFEST)),
                ArchiveManifest.class, "manifest of " + archive).equals(manifest)) {
            throw new com.buildfactory.controlplane.ops.archive.ArchiveException(
                    "archive " + archive + " changed its manifest while being verified");
        }
        StoredArchiveCheck.verify(catalog.target(), manifest, key);
        VerifiedMarker marker = new VerifiedMarker(archive, clock.instant(), manifestSha256, manifest.eventCount(),
                manifest.snapshotCount());
        catalog.markVerified(marker);
        return marker;
    }
}
