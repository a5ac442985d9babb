package com.buildfactory.controlplane.application.surface;

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
import java.util.Collections;

/**
 * An Accept header that is no list of media types ({@code Accept: garbage}) answers 406 as problem details.
 * Spring would answer an empty body: it cannot negotiate even the error's format.
 */
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private final Problems problems;

    public AcceptHeaderFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String header : Collections.list(request.getHeaders("Accept"))) {
            try {
                MediaType.parseMediaTypes(header);
            } catch (InvalidMediaTypeException e) {
                problems.write(response, HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                        "The Accept header is not a list of media types; answers are application/json,"
                                + " application/problem+json, application/x-ndjson or text/event-stream.",
                        request.getRequestURI());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
