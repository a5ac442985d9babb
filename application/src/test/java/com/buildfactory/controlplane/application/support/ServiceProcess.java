package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.ControlPlaneApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as a separate operating-system process on a data folder and a free port, stopped with SIGTERM. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(Path dataDir, Map<String, String> extra) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ControlPlaneApplication.class.getName(),
                "--server.port=" + port,
                "--control-plane.storage.data-dir=" + dataDir));
        TestTokens.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        extra.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = Files.createTempFile("service-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitAnswering();
        return service;
    }

    public Api api() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitAnswering() throws IOException {
        try {
            Eventually.await(Duration.ofSeconds(90), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited");
                }
                return api().get("/api/health", null).send().status();
            }, status -> status == 200 || status == 503, "the service answers health");
        } catch (AssertionError e) {
            close();
            throw new AssertionError(e.getMessage() + "\n" + log(), e);
        }
    }

    /** SIGTERM, as systemd stops it; a graceful stop releases every lock. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
