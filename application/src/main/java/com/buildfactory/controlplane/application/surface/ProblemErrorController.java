package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The servlet container's error page, as problem details whatever the Accept header asks. Asked for directly
 * ({@code GET /error}), there is no error to describe: 404.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (!(code instanceof Integer status) || status < 400) {
            problems.write(response, HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "Nothing is served at this path.", request.getRequestURI());
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus answer = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problems.write(response, answer, answer.is5xxServerError() ? "internal" : kind(answer),
                answer.getReasonPhrase(), answer.is5xxServerError()
                        ? "The control plane failed unexpectedly; the failure is logged."
                        : "The request was refused: " + answer.getReasonPhrase() + "; nothing was changed.",
                path == null ? null : path.toString());
    }

    private static String kind(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case PAYLOAD_TOO_LARGE -> "body-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            default -> "bad-request";
        };
    }
}
