package com.buildfactory.controlplane.ops.target;

import java.time.Instant;

/** One object as a listing shows it; the key is relative to the target's root (its prefix already removed). */
public record StoredObject(String key, long size, Instant lastModified) {
}
