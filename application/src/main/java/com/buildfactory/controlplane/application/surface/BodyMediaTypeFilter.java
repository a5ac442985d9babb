package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.web.BodyRequests;
import com.buildfactory.controlplane.application.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bodies are JSON: a POST, PUT or PATCH whose Content-Type is anything else ({@code *}{@code /*},
 * {@code application/*}, multipart, text) answers 415 before any parsing. A bodiless request without a
 * Content-Type passes: actions take an optional body.
 */
public class BodyMediaTypeFilter extends OncePerRequestFilter {

    private final Problems problems;

    public BodyMediaTypeFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BodyRequests.sendsBody(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (header == null ? !hasBody : isJson(header)) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "Request bodies are JSON: send 'Content-Type: application/json'"
                        + (header == null ? "" : " instead of '" + header + "'") + "; nothing was changed.",
                request.getRequestURI());
    }

    static boolean isJson(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
