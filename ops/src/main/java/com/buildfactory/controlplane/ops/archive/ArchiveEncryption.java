package com.buildfactory.controlplane.ops.archive;

/** How the parts of an archive are encrypted; {@code keyId} names the key without revealing it. */
public record ArchiveEncryption(String algorithm, String keyId, int segmentSize) {
}
