package com.buildfactory.controlplane.application.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads request bodies into memory up to a limit and answers 413 beyond it, before anything is parsed. The bytes
 * stay on the request so that the idempotency check can hash exactly what was sent. It runs after the token check,
 * so an unauthenticated client never gets a thread reading its body. A declared length above the limit is refused
 * before a byte is read; a body that takes longer than the read time to arrive (a client sending a byte now and
 * then) answers 408. Every refusal closes the connection, so Tomcat does not wait to swallow the rest.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    public static final String BODY_ATTRIBUTE = "control-plane.body";

    private final int maxBytes;
    private final Duration maxReadTime;
    private final Problems problems;

    public RequestBodyLimitFilter(int maxBytes, Duration maxReadTime, Problems problems) {
        this.maxBytes = maxBytes;
        this.maxReadTime = maxReadTime;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BodyRequests.sendsBody(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = readWithin(in);
        }
        if (body == null) {
            response.setHeader("Connection", "close");
            problems.write(response, HttpStatus.REQUEST_TIMEOUT, "body-too-slow", "Request body too slow",
                    "The request body did not arrive within " + maxReadTime.toSeconds() + " s; nothing was changed.",
                    request.getRequestURI());
            response.flushBuffer();
            return;
        }
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        request.setAttribute(BODY_ATTRIBUTE, body);
        chain.doFilter(new CachedBody(request, body), response);
    }

    /**
     * Up to maxBytes + 1 bytes, or null when the read time ran out. Each read blocks at most Tomcat's connection
     * timeout, so a client is held at most the read time plus one connection timeout.
     */
    private byte[] readWithin(InputStream in) throws IOException {
        long deadline = System.nanoTime() + maxReadTime.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int limit = maxBytes + 1;
        while (body.size() < limit) {
            int read;
            try {
                read = in.read(buffer, 0, Math.min(buffer.length, limit - body.size()));
            } catch (IOException e) {
                if (timedOut(e)) {
                    return null;
                }
                throw e;
            }
            if (read < 0) {
                break;
            }
            body.write(buffer, 0, read);
            if (System.nanoTime() > deadline && body.size() < limit) {
                return null;
            }
        }
        return body.toByteArray();
    }

    /** Tomcat reports a read that waited its connection timeout as an IOException caused by a socket timeout. */
    private static boolean timedOut(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Body too large",
                "Request bodies are limited to " + maxBytes + " bytes; nothing was changed.", request.getRequestURI());
        response.flushBuffer();
    }

    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
