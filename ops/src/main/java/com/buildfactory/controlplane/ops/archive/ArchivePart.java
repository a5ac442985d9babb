package com.buildfactory.controlplane.ops.archive;

/**
 * One stored object of an archive: its size and SHA-256 are those of the bytes as stored (compressed and, when
 * encrypted, ciphertext), so they can be checked without the key; {@code records} counts the rows inside.
 */
public record ArchivePart(String name, long size, String sha256, long records) {
}
