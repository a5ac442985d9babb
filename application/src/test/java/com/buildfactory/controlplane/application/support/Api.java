package com.buildfactory.controlplane.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for the API under test: real requests over a real socket. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Call get(String path, String token) {
        return new Call("GET", path, token, null);
    }

    public Call post(String path, String token, String body) {
        return new Call("POST", path, token, body);
    }

    public Call put(String path, String token, String body) {
        return new Call("PUT", path, token, body);
    }

    public Call options(String path) {
        return new Call("OPTIONS", path, null, null);
    }

    public Call delete(String path, String token) {
        return new Call("DELETE", path, token, null);
    }

    public Call patch(String path, String token, String body) {
        return new Call("PATCH", path, token, body);
    }

    /** A request being built; {@link #send()} sends it. */
    public final class Call {
        private final String method;
        private final String path;
        private final String token;
        private final String body;
        private final List<String[]> headers = new ArrayList<>();

        private Call(String method, String path, String token, String body) {
            this.method = method;
            this.path = path;
            this.token = token;
            this.body = body;
        }

        public Call header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(h -> request.header(h[0], h[1]));
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + raw.body(), e);
            }
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
