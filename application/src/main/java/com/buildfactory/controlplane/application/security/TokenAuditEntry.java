package com.buildfactory.controlplane.application.security;

import java.time.Instant;
import java.util.List;

/** One creation or revocation of a managed token, for auditors. */
public record TokenAuditEntry(long entry, Instant at, String change, String tokenId, String actor,
                              List<String> permissions, Instant expiresAt, String changedBy) {
}
