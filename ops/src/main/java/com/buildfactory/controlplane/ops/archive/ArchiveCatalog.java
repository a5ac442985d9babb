package com.buildfactory.controlplane.ops.archive;

import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import com.buildfactory.controlplane.ops.target.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archives a target holds, found by listing (one request per 1,000 objects) and read lazily: a manifest never
 * changes once written, so each is fetched once and cached.
 */
public final class ArchiveCatalog {

    private final ArchiveTarget target;
    private final Map<String, ArchiveManifest> manifests = new ConcurrentHashMap<>();

    public ArchiveCatalog(ArchiveTarget target) {
        this.target = target;
    }

    public ArchiveTarget target() {
        return target;
    }

    /** Every archive folder, complete or not, oldest first. Folders whose names are not archive names are ignored. */
    public List<CatalogEntry> entries() {
        Map<String, List<StoredObject>> byFolder = new TreeMap<>();
        for (StoredObject object : target.list(ArchiveLayout.ARCHIVES)) {
            String rest = object.key().substring(ArchiveLayout.ARCHIVES.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byFolder.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(object);
            }
        }
        List<CatalogEntry> entries = new ArrayList<>();
        byFolder.forEach((folder, objects) -> ArchiveName.parse(folder).ifPresent(name -> {
            List<String> keys = objects.stream().map(StoredObject::key).toList();
            entries.add(new CatalogEntry(name,
                    keys.contains(ArchiveLayout.key(folder, ArchiveLayout.MANIFEST)),
                    keys.contains(ArchiveLayout.key(folder, ArchiveLayout.VERIFIED)),
                    keys.contains(ArchiveLayout.key(folder, ArchiveLayout.DAMAGED)),
                    objects.stream().mapToLong(StoredObject::size).sum(),
                    keys));
        }));
        entries.sort(Comparator.comparing(CatalogEntry::name));
        manifests.keySet().retainAll(entries.stream().map(entry -> entry.name().value()).toList());
        return entries;
    }

    /** Archives with a manifest, oldest first. */
    public List<ArchiveManifest> usable() {
        return entries().stream().filter(CatalogEntry::complete).map(entry -> manifest(entry.name().value()))
                .toList();
    }

    /**
     * The newest archive. Normally it also reaches furthest into the log; after a point-in-time restore the store
     * forks, and the newest archive is the one of the store as it is now, even if an older one reaches further.
     * Chosen by name, so only one manifest is read however many archives there are.
     */
    public Optional<ArchiveManifest> latest() {
        return entries().stream()
                .filter(CatalogEntry::complete)
                .map(CatalogEntry::name)
                .max(Comparator.comparing(ArchiveName::createdAt).thenComparingLong(ArchiveName::lastPosition))
                .map(name -> manifest(name.value()));
    }

    public ArchiveManifest manifest(String archive) {
        ArchiveManifest cached = manifests.get(archive);
        if (cached != null) {
            return cached;
        }
        if (ArchiveName.parse(archive).isEmpty()) {
            throw new ArchiveException("'" + archive + "' is not an archive name (expected e.g. "
                    + "full-20260101T023000Z-1-52000, or 'latest')");
        }
        String key = ArchiveLayout.key(archive, ArchiveLayout.MANIFEST);
        if (!target.exists(key)) {
            throw new ArchiveException("no archive named " + archive + " in " + target.describe()
                    + (target.exists(ArchiveLayout.key(archive, ArchiveLayout.EVENTS))
                    ? " (its folder has parts but no manifest: an unfinished upload, not an archive)" : ""));
        }
        ArchiveManifest manifest = ArchiveJson.read(target.getBytes(key), ArchiveManifest.class,
                "manifest of " + archive);
        if (manifest.formatVersion() > ArchiveManifest.FORMAT_VERSION) {
            throw new ArchiveException("archive " + archive + " has format version " + manifest.formatVersion()
                    + "; this version reads up to " + ArchiveManifest.FORMAT_VERSION);
        }
        if (!archive.equals(manifest.archive())) {
            throw new ArchiveException("archive " + archive + " has a manifest for " + manifest.archive());
        }
        manifests.put(archive, manifest);
        return manifest;
    }

    /** The full archive and the incrementals leading to the given one, in the order they must be applied. */
    public List<ArchiveManifest> chain(ArchiveManifest last) {
        List<ArchiveManifest> chain = new ArrayList<>();
        ArchiveManifest current = last;
        while (true) {
            chain.add(0, current);
            if (current.kind() == ArchiveKind.FULL) {
                return chain;
            }
            if (current.basedOn() == null) {
                throw new ArchiveException("incremental archive " + current.archive() + " names no base archive");
            }
            ArchiveManifest base;
            try {
                base = manifest(current.basedOn());
            } catch (ArchiveException e) {
                throw new ArchiveException("archive " + current.archive() + " depends on " + current.basedOn()
                        + ", which cannot be read: " + e.getMessage(), e);
            }
            if (base.lastPosition() + 1 != current.firstPosition()) {
                throw new ArchiveException("archive " + current.archive() + " starts at position "
                        + current.firstPosition() + " but its base " + base.archive() + " ends at "
                        + base.lastPosition());
            }
            current = base;
        }
    }

    public void markVerified(VerifiedMarker marker) {
        target.putBytes(ArchiveLayout.key(marker.archive(), ArchiveLayout.VERIFIED), ArchiveJson.write(marker));
    }

    public void markDamaged(DamageMarker marker) {
        target.putBytes(ArchiveLayout.key(marker.archive(), ArchiveLayout.DAMAGED), ArchiveJson.write(marker));
    }

    public Optional<VerifiedMarker> verifiedMarker(String archive) {
        String key = ArchiveLayout.key(archive, ArchiveLayout.VERIFIED);
        if (!target.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(ArchiveJson.read(target.getBytes(key), VerifiedMarker.class, "verified marker of "
                + archive));
    }

    /** Deletes an archive so that it stops being usable first: the manifest goes before the other objects. */
    public void delete(CatalogEntry entry) {
        String manifestKey = ArchiveLayout.key(entry.name().value(), ArchiveLayout.MANIFEST);
        if (entry.keys().contains(manifestKey)) {
            target.delete(manifestKey);
        }
        manifests.remove(entry.name().value());
        List<String> rest = entry.keys().stream().filter(key -> !key.equals(manifestKey)).toList();
        if (!rest.isEmpty()) {
            target.deleteAll(rest);
        }
    }
}
