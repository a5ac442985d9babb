package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.security.TokenRegistry;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Health answers monitors without a token, with the status alone; its components and details (paths, sizes,
 * positions) need a token holding {@code factory.admin}. Spring's health endpoint asks the request for its user
 * and role ({@code show-details: when-authorized}, {@code roles: factory.admin}); this filter answers both from
 * the bearer token. A token that is sent but unknown answers 401, as everywhere else in the API.
 */
public class HealthDetailsAccess extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final TokenRegistry registry;
    private final Problems problems;

    public HealthDetailsAccess(TokenRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/api/health") || path.startsWith("/api/health/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Actor> actor = header.startsWith(PREFIX)
                ? registry.authenticate(header.substring(PREFIX.length()).trim()) : Optional.empty();
        if (actor.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "The bearer token is not known. Health needs no token for its status alone.",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, actor.get()), response);
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final Actor actor;

        AuthenticatedRequest(HttpServletRequest request, Actor actor) {
            super(request);
            this.actor = actor;
        }

        @Override
        public Principal getUserPrincipal() {
            return actor::name;
        }

        @Override
        public String getRemoteUser() {
            return actor.name();
        }

        @Override
        public boolean isUserInRole(String role) {
            return actor.holds(role);
        }
    }
}
