package com.buildfactory.controlplane.application.metrics;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The metrics reveal volumes, positions and file sizes: they need a token holding {@code factory.admin}. The
 * token itself was checked by the bearer token filter before this one.
 */
public class MetricsAccess extends OncePerRequestFilter {

    private final Problems problems;

    public MetricsAccess(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object actor = request.getAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE);
        if (actor instanceof Actor named && named.holds(Permissions.ADMIN)) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Permission missing",
                "Metrics need a token with " + Permissions.ADMIN + ".", request.getRequestURI());
    }
}
