package com.buildfactory.controlplane.application.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Builds RFC 9457 problem details with a stable type per kind of problem. */
public class Problems {

    private static final String TYPE_PREFIX = "urn:build-factory:control-plane:problem:";

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + kind));
        problem.setTitle(title);
        return problem;
    }

    /** For filters, which answer before Spring MVC's exception handling. */
    public void write(HttpServletResponse response, HttpStatus status, String kind, String title, String detail,
                      String instance) throws IOException {
        ProblemDetail problem = of(status, kind, title, detail);
        instance(instance).ifPresent(problem::setInstance);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** The problem as JSON text, for layers that write it themselves (Tomcat's error report). */
    public String json(ProblemDetail problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (IOException e) {
            throw new IllegalStateException("A problem detail could not be written as JSON", e);
        }
    }

    /** A request path as the problem's instance; a path that is no URI (a client's {@code %00}) is left out. */
    public static Optional<URI> instance(String path) {
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(path));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
