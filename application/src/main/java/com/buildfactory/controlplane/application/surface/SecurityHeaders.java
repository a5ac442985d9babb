package com.buildfactory.controlplane.application.surface;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Headers on every answer, set before anything else runs so that errors carry them too. {@code nosniff} keeps
 * browsers from reading JSON as HTML. Caching: an item page may be kept by the client and revalidated with its
 * ETag ({@code private, no-cache}); the API documentation may be revalidated; everything else holds per-actor or
 * moving data and is never stored ({@code no-store}).
 */
public class SecurityHeaders extends OncePerRequestFilter {

    private static final Pattern ITEM_PAGE = Pattern.compile("/api/control-plane/items/[^/]+");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response, cacheControl(request));
        chain.doFilter(request, response);
    }

    static String cacheControl(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (request.getMethod().equals("GET") && ITEM_PAGE.matcher(path).matches()) {
            return "private, no-cache";
        }
        if (path.startsWith("/api/docs") || path.startsWith("/api/openapi") || path.startsWith("/api/swagger-ui")) {
            return "no-cache";
        }
        return "no-store";
    }

    static void apply(HttpServletResponse response, String cacheControl) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
