package com.buildfactory.controlplane.application.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real file system faults for tests: a small tmpfs (disk full) or a folder remounted read-only. Needs the right to
 * mount: root, or passwordless sudo (as on GitHub's runners, where the tests then run mount through {@code sudo -n});
 * {@link #available()} tells whether this machine grants it.
 */
public final class Mounts {

    private Mounts() {
    }

    /** True when mount works here: tried once on a throw-away tmpfs. */
    public static boolean available() {
        try {
            Path probe = java.nio.file.Files.createTempDirectory("mount-probe-");
            boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0777", "tmpfs", probe.toString()) == 0;
            if (mounted) {
                run("umount", probe.toString());
            }
            java.nio.file.Files.deleteIfExists(probe);
            return mounted;
        } catch (IOException e) {
            return false;
        }
    }

    public static void tmpfs(Path folder, String size) {
        must("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0777", "tmpfs", folder.toString());
    }

    /** The folder becomes read-only in place (a bind mount of itself, remounted read-only). */
    public static void readOnly(Path folder) {
        must("mount", "--bind", folder.toString(), folder.toString());
        must("mount", "-o", "remount,ro,bind", folder.toString());
    }

    public static void unmount(Path folder) {
        must("umount", folder.toString());
    }

    private static void must(String... command) {
        if (run(command) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static int run(String... command) {
        List<String> full = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ": " + output);
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
