package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Spring's CORS checks, with a refusal answered as problem details instead of plain text. */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final Problems problems;

    ProblemCorsProcessor(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(problems.json(Problems.of(HttpStatus.FORBIDDEN, "cors-refused",
                        "Cross-origin request refused", "This origin is not among control-plane.cors.allowed-origins."))
                .getBytes(StandardCharsets.UTF_8));
        response.flush();
    }
}
