package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.ControlPlaneApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate operating-system process on a data folder, so that a test can SIGKILL it as a crash
 * would, or hold its locks against a command run beside it. {@link #close()} stops it with SIGTERM, as systemd does.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service and returns at once, so that the caller can time how soon it answers. */
    public static ServiceProcess start(Path dataDir, int port, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ControlPlaneApplication.class.getName(),
                "--server.port=" + port,
                "--control-plane.storage.data-dir=" + dataDir));
        TestTokens.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        command.addAll(List.of(extraArguments));
        Path log = Files.createTempFile("service-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, port, log);
    }

    /** Starts the service on a free port with extra properties and returns once it answers health. */
    public static ServiceProcess start(Path dataDir, Map<String, String> properties) throws IOException {
        List<String> arguments = new ArrayList<>();
        properties.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        ServiceProcess service = start(dataDir, freePort(), arguments.toArray(String[]::new));
        try {
            service.awaitAnswering();
        } catch (AssertionError | InterruptedException e) {
            service.close();
            throw new AssertionError(e.getMessage() + "\n" + service.log(), e);
        }
        return service;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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

    /** Waits until {@code /api/health} answers at all (any status) and returns that first answer, with details. */
    public Api.Response awaitAnswering() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited with " + process.exitValue());
            }
            try {
                return api().get("/api/health", TestTokens.ADMIN).send();
            } catch (RuntimeException notYetListening) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("The service did not answer /api/health");
    }

    /** SIGKILL: no shutdown hook runs, token claims stay in the store. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
}
