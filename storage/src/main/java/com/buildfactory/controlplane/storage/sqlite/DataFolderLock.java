package com.buildfactory.controlplane.storage.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data folder held by this process alone, through an operating-system lock on {@code control-plane.lock}. The
 * kernel drops the lock when the process dies, SIGKILL included, so holding it proves that no other process of
 * this service uses the folder: whatever a predecessor left behind (token claims) belongs to a process that no
 * longer runs. A second service or a replay command on the same folder fails to start instead of sharing it.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE_NAME = "control-plane.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static DataFolderLock acquire(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataFolderLock(file, channel, lock);
            }
        } catch (OverlappingFileLockException heldInThisJvm) {
            // another context of this JVM holds it: the same answer as another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the data folder " + file.getParent(), e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("The data folder " + file.getParent() + " is in use by another running"
                + " control plane (it holds " + file + "); stop it first");
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }
}
