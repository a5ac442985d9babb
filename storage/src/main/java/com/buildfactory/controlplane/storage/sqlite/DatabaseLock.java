package com.buildfactory.controlplane.storage.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An operating-system lock on {@code <database>.lock}, held by the running service for its whole life and by a
 * restore while it replaces the file. The kernel releases it when the holder exits, even on SIGKILL, so a lock
 * that cannot be taken always means a live process: never a stale guess. The file holds the holder's pid for
 * messages. The service never deletes it. A restore removes the file (and folder) it created, while still holding
 * the lock: anyone who opened the file meanwhile failed to lock it, so nobody is left holding an unlinked file.
 */
public final class DatabaseLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;
    private final Path createdFolder;
    private final boolean createdFile;

    private DatabaseLock(FileChannel channel, FileLock lock, Path file, Path createdFolder, boolean createdFile) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
        this.createdFolder = createdFolder;
        this.createdFile = createdFile;
    }

    public static Path lockFile(Path database) {
        Path absolute = database.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /** The lock, or empty when another process (or another holder in this one) has it. */
    public static Optional<DatabaseLock> tryAcquire(Path database, String holder) {
        Path file = lockFile(database);
        FileChannel channel = null;
        try {
            Path createdFolder = firstMissing(file.getParent());
            Files.createDirectories(file.getParent());
            boolean createdFile = !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + " pid " + ProcessHandle.current().pid() + " since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return Optional.of(new DatabaseLock(channel, lock, file, createdFolder, createdFile));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open failure is the one to report
                }
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Who holds the lock, as it wrote itself into the file ("service pid 1234 since ..."), or "another process". */
    public static String holder(Path database) {
        try {
            String text = Files.readString(lockFile(database), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static Path firstMissing(Path folder) {
        Path missing = null;
        for (Path at = folder; at != null && !Files.exists(at); at = at.getParent()) {
            missing = at;
        }
        return missing;
    }

    /** Releases the lock and removes the lock file and folders this holder created (when still empty). */
    public void closeAndTidy() {
        try {
            if (createdFile) {
                Files.deleteIfExists(file);
            }
            if (createdFolder != null) {
                for (Path at = file.getParent(); at != null && at.startsWith(createdFolder); at = at.getParent()) {
                    try (var entries = Files.list(at)) {
                        if (entries.findAny().isPresent()) {
                            break;
                        }
                    }
                    Files.delete(at);
                }
            }
        } catch (IOException e) {
            // tidying is a courtesy; the lock itself is released below either way
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
