package com.buildfactory.controlplane.application.security;

import java.time.Instant;
import java.util.List;

/** A token created at run time, as listed: never its secret or hash. */
public record ManagedToken(String id, String actor, List<String> permissions, Instant createdAt, String createdBy,
                           Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }

    public boolean usable(Instant now) {
        return status(now).equals("active");
    }
}
