package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.target.S3TargetConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy 2.7.0 in a process of its own (its jar is copied to target/s3proxy-legacy by the build; it cannot share
 * a classpath with the 4.x used in this JVM). Like Backblaze B2 and DigitalOcean Spaces it refuses the AWS SDK's
 * flexible checksum headers with 501 NotImplemented, so a request that carries one fails here as it would there.
 */
public final class LegacyS3ProxyProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "s3proxy-legacy", "s3proxy-legacy.jar");

    private final Path folder;
    private final Process process;
    private final int port;

    public LegacyS3ProxyProcess() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the build (process-test-resources"
                    + " copies S3Proxy 2.7.0 there)");
        }
        folder = Files.createTempDirectory("s3proxy-legacy-");
        Files.createDirectories(folder.resolve("blobs"));
        port = freePort();
        Path properties = folder.resolve("s3proxy.conf");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3ProxyServer.ACCESS_KEY,
                "s3proxy.credential=" + S3ProxyServer.SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + folder.resolve("blobs"), ""));
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("s3proxy.log").toFile())
                .start();
        awaitListening(Duration.ofSeconds(60));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Production settings pointed at this server; few attempts so that failure tests stay fast. */
    public S3TargetConfig config(String bucket, String prefix) {
        return S3TargetConfig.of(endpoint(), "us-east-1", bucket, prefix, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY).withMaxAttempts(2);
    }

    public String log() throws IOException {
        return Files.readString(folder.resolve("s3proxy.log"));
    }

    private void awaitListening(Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy 2.7.0 exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("S3Proxy 2.7.0 did not listen within " + bound + ": " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Folders.deleteQuietly(folder);
    }
}
