package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.application.web.Access;
import com.buildfactory.controlplane.application.web.QueryParams;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Every token creation and revocation, oldest first (factory.audit.read, like the event log's audit stream).
 * {@code after} is the last entry number read.
 */
@RestController
public class TokenAuditController {

    private static final int LIMIT_MAX = 1000;

    private final ApiTokens tokens;

    public TokenAuditController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "List token creations and revocations", description = "factory.audit.read.")
    @GetMapping("/api/audit/tokens")
    public TokenAuditView entries(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                  @RequestParam(required = false) String after,
                                  @RequestParam(required = false) String limit) {
        Access.require(actor, Permissions.AUDIT_READ);
        long from = QueryParams.number("after", after, 0, Long.MAX_VALUE, 0);
        int size = (int) QueryParams.number("limit", limit, 1, LIMIT_MAX, 100);
        List<TokenAuditEntry> entries = tokens.audit(from, size);
        return new TokenAuditView(entries, entries.size() == size ? entries.get(entries.size() - 1).entry() : null);
    }


    public record TokenAuditView(List<TokenAuditEntry> entries, Long nextAfter) {
    }
}
