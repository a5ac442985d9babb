package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** Every /api request but health needs a bearer token; the actor it names is put on the request. */
public class BearerTokenFilter extends OncePerRequestFilter {

    public static final String ACTOR_ATTRIBUTE = "control-plane.actor";
    private static final String PREFIX = "Bearer ";

    private final TokenRegistry registry;
    private final Problems problems;

    public BearerTokenFilter(TokenRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.equals("/api/health") || path.startsWith("/api/health/")
                || isContract(path);
    }

    /** The API contract and its interactive page are public: they describe the API, they hold no data. */
    private static boolean isContract(String path) {
        return path.equals("/api/openapi") || path.equals("/api/openapi.yaml") || path.startsWith("/api/openapi/")
                || path.equals("/api/docs") || path.startsWith("/api/docs/") || path.startsWith("/api/swagger-ui/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith(PREFIX) ? header.substring(PREFIX.length()).trim() : null;
        Optional<Actor> actor = token == null || token.isEmpty() ? Optional.empty() : registry.authenticate(token);
        if (actor.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    token == null || token.isEmpty() ? "Send an API token as 'Authorization: Bearer <token>'."
                            : registry.refusal(token), request.getRequestURI());
            return;
        }
        request.setAttribute(ACTOR_ATTRIBUTE, actor.get());
        chain.doFilter(request, response);
    }
}
