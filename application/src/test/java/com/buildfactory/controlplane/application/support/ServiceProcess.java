package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.ControlPlaneApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The service as a separate process on a data folder, so that a test can SIGKILL it as a crash would. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(Path dataDir, int port, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ControlPlaneApplication.class.getName(),
                "--server.port=" + port,
                "--control-plane.storage.data-dir=" + dataDir));
        TestTokens.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        command.addAll(List.of(extraArguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service-" + System.nanoTime() + ".log").toFile())
                .start();
        return new ServiceProcess(process, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Api api() {
        return new Api(port);
    }

    /** Waits until {@code /api/health} answers at all (any status) and returns that first answer. */
    public Api.Response awaitAnswering() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited with " + process.exitValue());
            }
            try {
                return api().get("/api/health", null).send();
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
