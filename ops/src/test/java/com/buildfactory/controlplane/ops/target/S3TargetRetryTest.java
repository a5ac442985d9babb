package com.buildfactory.controlplane.ops.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What B2 and Spaces do in normal operation, played by a loopback HTTP server: 503 answers that must be retried
 * with backoff, and DeleteObjects, which must carry Content-MD5 with checksums set to WHEN_REQUIRED.
 */
class S3TargetRetryTest {

    @TempDir
    Path temp;

    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger brokenDownloadsLeft = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> contentMd5 = new CopyOnWriteArrayList<>();
    private final List<String> checksumHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        contentMd5.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-MD5")));
        exchange.getRequestHeaders().keySet().stream()
                .filter(name -> name.toLowerCase().startsWith("x-amz-checksum-")
                        || name.toLowerCase().startsWith("x-amz-sdk-checksum"))
                .forEach(checksumHeaders::add);
        if (failuresLeft.getAndDecrement() > 0) {
            respond(exchange, 503, "<Error><Code>ServiceUnavailable</Code><Message>Service temporarily unavailable</Message>"
                    + "</Error>");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            byte[] body = "0123456789".repeat(1_000).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("ETag", "\"x\"");
            exchange.sendResponseHeaders(200, body.length);
            if (brokenDownloadsLeft.getAndDecrement() > 0) {
                exchange.getResponseBody().write(body, 0, 100);
                exchange.getResponseBody().flush();
                exchange.close();
                return;
            }
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 200, "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
            return;
        }
        exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
        respond(exchange, 200, "");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private S3Target target(int attempts) {
        return new S3Target(S3TargetConfig.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "us-west-004", "bucket", "cp", "key-id", "secret").withMaxAttempts(attempts));
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoffUntilTheUploadGoesThrough() throws Exception {
        Path part = Files.writeString(temp.resolve("part"), "events");
        failuresLeft.set(2);
        try (S3Target target = target(4)) {
            target.put("archives/a/events.ndjson.gz", part, "abc");
        }
        assertThat(requests).containsExactly("PUT /bucket/cp/archives/a/events.ndjson.gz",
                "PUT /bucket/cp/archives/a/events.ndjson.gz", "PUT /bucket/cp/archives/a/events.ndjson.gz");
        assertThat(checksumHeaders).isEmpty();
    }

    @Test
    void whenRetriesRunOutTheFailureNamesTheStatus() throws Exception {
        Path part = Files.writeString(temp.resolve("part"), "events");
        failuresLeft.set(10);
        try (S3Target target = target(2)) {
            assertThatThrownBy(() -> target.put("archives/a/events.ndjson.gz", part, "abc"))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("HTTP 503 ServiceUnavailable");
        }
        assertThat(requests).hasSize(2);
    }

    @Test
    void aDownloadWhoseBodyBreaksOffStartsOver() throws Exception {
        brokenDownloadsLeft.set(1);
        Path destination = temp.resolve("downloaded");
        try (S3Target target = target(3)) {
            target.get("archives/a/events.ndjson.gz", destination);
        }
        assertThat(Files.readString(destination)).isEqualTo("0123456789".repeat(1_000));
        assertThat(requests).hasSize(2);
    }

    @Test
    void aStreamedReadWhoseBodyBreaksOffStartsOverWithAFreshStream() throws Exception {
        brokenDownloadsLeft.set(2);
        List<Integer> lengthsSeen = new CopyOnWriteArrayList<>();
        String read;
        try (S3Target target = target(3)) {
            read = target.read("archives/a/events.ndjson.gz", in -> {
                byte[] all = in.readAllBytes();
                lengthsSeen.add(all.length);
                return new String(all, StandardCharsets.US_ASCII);
            });
        }
        assertThat(read).isEqualTo("0123456789".repeat(1_000));
        assertThat(lengthsSeen).containsExactly(10_000);
        assertThat(requests).hasSize(3);
    }

    @Test
    void aReadersOwnFailureIsNotRetried() {
        try (S3Target target = target(3)) {
            assertThatThrownBy(() -> target.read("archives/a/events.ndjson.gz", in -> {
                in.read();
                throw new java.util.zip.ZipException("not gzip");
            })).isInstanceOf(TargetException.class).hasMessageContaining("not gzip");
        }
        assertThat(requests).hasSize(1);
    }

    @Test
    void deleteObjectsCarriesContentMd5() {
        try (S3Target target = target(1)) {
            target.deleteAll(List.of("archives/a/events.ndjson.gz", "archives/a/manifest.json"));
        }
        assertThat(requests).containsExactly("POST /bucket?delete");
        assertThat(contentMd5.get(0)).isNotEqualTo("null").hasSize(24);
    }
}
