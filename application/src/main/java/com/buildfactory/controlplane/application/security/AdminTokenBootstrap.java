package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * On the embedded default, the first start generates an admin token, keeps only its hash in the data folder and
 * prints the token once. Lost it? Delete {@code admin-token.sha256} and restart to get a new one.
 */
public class AdminTokenBootstrap {

    public static final String HASH_FILE = "admin-token.sha256";
    public static final String ACTOR = "admin";

    private final Path dataDir;
    private final PrintStream console;

    public AdminTokenBootstrap(Path dataDir, PrintStream console) {
        this.dataDir = dataDir;
        this.console = console;
    }

    public void registerIn(TokenRegistry registry) {
        Path hashFile = dataDir.resolve(HASH_FILE);
        try {
            if (!Files.exists(hashFile)) {
                String token = generate();
                Files.createDirectories(dataDir);
                Files.writeString(hashFile, TokenHash.sha256(token) + "\n", StandardCharsets.UTF_8);
                restrict(hashFile);
                console.println();
                console.println("Generated an admin API token. It is printed only this once; keep it safe:");
                console.println();
                console.println("    " + token);
                console.println();
                console.println("Use it as: Authorization: Bearer <token>. Its hash is in " + hashFile.toAbsolutePath());
                console.println();
            }
            String hash = Files.readString(hashFile, StandardCharsets.UTF_8).trim();
            registry.register(hash, new Actor(ACTOR, Set.of(Permissions.ALL)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin token hash in " + hashFile, e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "cp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the hash alone does not reveal the token
        }
    }
}
