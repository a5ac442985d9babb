package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.application.web.InvalidInput;
import com.buildfactory.controlplane.application.web.SaneTimes;
import com.buildfactory.controlplane.domain.policy.Permissions;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/** What a new token may be: a named actor, known permissions, an expiry in the future if any. */
public final class TokenRequests {

    public static final String ACTOR_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private TokenRequests() {
    }

    public record CreateToken(
            @NotBlank @Pattern(regexp = ACTOR_PATTERN, message = "must be 1-64 letters, digits, '.', '_', '@' or '-'")
            String actor,
            @NotEmpty @Size(max = 32) List<@NotBlank @Size(max = 64) String> permissions,
            @Size(max = 64) String expiresAt) {
    }

    /** The permissions, each known (or {@code *}); refused with a 400 naming the first unknown one. */
    public static List<String> permissions(List<String> requested) {
        for (String permission : requested) {
            if (!permission.equals(Permissions.ALL) && !Permissions.KNOWN.contains(permission)) {
                throw new InvalidInput("permissions", "names unknown permission '" + permission + "'; known: "
                        + String.join(", ", Permissions.KNOWN) + " or *");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    /** An optional expiry, in the future. */
    public static Instant expiresAt(String text, Instant now) {
        if (text == null) {
            return null;
        }
        Instant at = SaneTimes.parse("expiresAt", text, "must be an ISO-8601 time with offset, like"
                + " 2027-01-31T00:00:00Z");
        if (!at.isAfter(now)) {
            throw new InvalidInput("expiresAt", "lies in the past; a token must be usable when it is created");
        }
        return at;
    }
}
