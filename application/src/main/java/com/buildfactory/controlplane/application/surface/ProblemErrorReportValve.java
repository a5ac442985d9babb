package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.web.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat's own error page as problem details. Requests Tomcat refuses before Spring sees them (an encoded
 * {@code /}, {@code \} or NUL in the path, {@code []} in a query, a bad Content-Length, oversized headers) would
 * otherwise answer its HTML page. Never shows a stack trace or the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final Problems problems;

    public ProblemErrorReportValve(Problems problems) {
        this.problems = problems;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = Problems.of(known == null ? HttpStatus.valueOf(status / 100 * 100) : known,
                status >= 500 ? "internal" : "bad-request",
                known == null ? "Error" : known.getReasonPhrase(),
                status >= 500 ? "The control plane failed unexpectedly; the failure is logged."
                        : "The request was refused before it reached the service: check its path, query, headers"
                        + " and Content-Length; nothing was changed.");
        problem.setStatus(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            SecurityHeaders.apply(response, "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problems.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already started: nothing more can be said
        }
    }
}
