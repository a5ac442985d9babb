package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.storage.SharedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The run history in a file beside a single node's store, replaced atomically on every write. */
final class StatusFile implements SharedDocument {

    private final Path file;

    StatusFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<byte[]> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(byte[] document) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, document);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
