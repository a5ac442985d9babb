package com.buildfactory.controlplane.ops.archive;

import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An archive brought to a local folder with every part checked against the manifest's size and SHA-256. Only a
 * fetched archive can be read, so no row is ever used from a part that failed its check.
 */
public final class FetchedArchive {

    private final ArchiveManifest manifest;
    private final Path folder;
    private final ArchiveKey key;

    private FetchedArchive(ArchiveManifest manifest, Path folder, ArchiveKey key) {
        this.manifest = manifest;
        this.folder = folder;
        this.key = key;
    }

    /** Downloads the archive's parts into the folder and checks them; fails before returning on any mismatch. */
    public static FetchedArchive fetch(ArchiveTarget target, ArchiveManifest manifest, Path folder,
                                       ArchiveKey keyOrNull) {
        ArchiveKey key = requireKey(manifest, keyOrNull);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ArchivePart part : manifest.parts()) {
            Path file = folder.resolve(part.name());
            target.get(ArchiveLayout.key(manifest.archive(), part.name()), file);
            check(manifest, part, file);
        }
        return new FetchedArchive(manifest, folder, key);
    }

    public static void check(ArchiveManifest manifest, ArchivePart part, Path file) {
        try {
            long size = Files.size(file);
            String sha256 = Sha256.of(file);
            if (size != part.size() || !sha256.equals(part.sha256())) {
                throw new ArchiveException("archive " + manifest.archive() + " is corrupted: " + part.name()
                        + " has " + size + " bytes with SHA-256 " + sha256 + ", its manifest says " + part.size()
                        + " bytes with SHA-256 " + part.sha256());
            }
        } catch (IOException e) {
            throw new ArchiveException("cannot check " + part.name() + " of " + manifest.archive() + ": " + e, e);
        }
    }

    static ArchiveKey requireKey(ArchiveManifest manifest, ArchiveKey key) {
        if (!manifest.encrypted()) {
            return null;
        }
        if (key == null) {
            throw new ArchiveException("archive " + manifest.archive() + " is encrypted (key id "
                    + manifest.encryption().keyId() + ") and no key is configured: set "
                    + ArchiveKey.ENVIRONMENT_VARIABLE + " to the Base64 key it was written with");
        }
        if (!key.keyId().equals(manifest.encryption().keyId())) {
            throw new ArchiveException("archive " + manifest.archive() + " was encrypted with key id "
                    + manifest.encryption().keyId() + " but the configured key has id " + key.keyId()
                    + ": wrong encryption key");
        }
        return key;
    }

    public ArchiveManifest manifest() {
        return manifest;
    }

    public RowReader<EventRow> events() {
        return new RowReader<>(folder.resolve(ArchiveLayout.EVENTS), manifest.archive() + "/" + ArchiveLayout.EVENTS,
                manifest.part(ArchiveLayout.EVENTS), key, EventRow.class);
    }

    public RowReader<SnapshotRow> snapshots() {
        return new RowReader<>(folder.resolve(ArchiveLayout.SNAPSHOTS),
                manifest.archive() + "/" + ArchiveLayout.SNAPSHOTS, manifest.part(ArchiveLayout.SNAPSHOTS), key,
                SnapshotRow.class);
    }
}
