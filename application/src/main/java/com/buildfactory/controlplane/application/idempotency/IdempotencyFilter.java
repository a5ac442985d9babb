package com.buildfactory.controlplane.application.idempotency;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.application.web.RequestBodyLimitFilter;
import com.buildfactory.controlplane.domain.policy.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the first non-5xx response to each POST carrying an Idempotency-Key, per actor, and replays it for a
 * retry with the same body; the same key with a different body is refused with 422. Concurrent requests with one
 * key are serialised, so the second one waits and then replays.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    private static final int KEY_MAX = 255;
    private static final int STRIPES = 64;

    private final IdempotencyStore store;
    private final Problems problems;
    private final DiskFull diskFull;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public IdempotencyFilter(IdempotencyStore store, Problems problems, DiskFull diskFull) {
        this.diskFull = diskFull;
        this.store = store;
        this.problems = problems;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        Object actor = request.getAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE);
        if (key.isEmpty() || key.length() > KEY_MAX || !(actor instanceof Actor caller)) {
            problems.write(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "An Idempotency-Key is 1 to " + KEY_MAX + " characters.", request.getRequestURI());
            return;
        }
        String hash = requestHash(request);
        ReentrantLock lock = stripes[Math.floorMod((caller.name() + key).hashCode(), STRIPES)];
        lock.lock();
        try {
            Optional<IdempotencyStore.StoredResponse> first = store.find(caller.name(), key);
            if (first.isPresent()) {
                replay(first.get(), hash, request, response);
                return;
            }
            ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, recorded);
            if (recorded.getStatus() < 500) {
                remember(caller.name(), key, new IdempotencyStore.StoredResponse(hash, recorded.getStatus(),
                        recorded.getHeader(HttpHeaders.LOCATION), recorded.getHeader(HttpHeaders.ETAG),
                        recorded.getContentType(), recorded.getContentAsByteArray()));
            }
            recorded.copyBodyToResponse();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The answer stands once the command is stored: a record that cannot be kept (a full disk) is logged, not
     * thrown, or the client would hear "failed, nothing stored" for a command that happened. A retry with the key
     * then runs again and meets the stored state (409 for a create or a move already made).
     */
    private void remember(String actor, String key, IdempotencyStore.StoredResponse answer) {
        try {
            store.save(actor, key, answer);
        } catch (RuntimeException e) {
            String cause = diskFull.causeOf(e);
            if (cause != null) {
                diskFull.seen();
            }
            log.warn("The answer {} to Idempotency-Key {} of {} was sent but not remembered ({}): a retry runs again",
                    answer.status(), key, actor, cause != null ? "disk full, " + cause : e.toString());
        }
    }

    private void replay(IdempotencyStore.StoredResponse first, String hash, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        if (!first.requestHash().equals(hash)) {
            problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used for a different request;"
                            + " nothing was applied. Use a new key for a new request.", request.getRequestURI());
            return;
        }
        response.setStatus(first.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        if (first.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, first.etag());
            // An item's ETag is its version: the replay names the version to read back, as the first answer did.
            String version = first.etag().replace("\"", "");
            if (version.matches("[0-9]{1,18}")) {
                response.setHeader("Item-Version", version);
            }
        }
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.body() != null) {
            response.getOutputStream().write(first.body());
        }
    }

    private static String requestHash(HttpServletRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            Object body = request.getAttribute(RequestBodyLimitFilter.BODY_ATTRIBUTE);
            if (body instanceof byte[] bytes) {
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
