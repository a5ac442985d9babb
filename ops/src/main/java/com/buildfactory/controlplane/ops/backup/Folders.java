package com.buildfactory.controlplane.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing scratch folders without letting a cleanup failure hide the real outcome. */
public final class Folders {

    private Folders() {
    }

    public static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: scratch space
                }
            });
        } catch (IOException ignored) {
            // best effort: scratch space
        }
    }
}
