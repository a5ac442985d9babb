package com.buildfactory.controlplane.ops.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A folder on this machine (the embedded default {@code ./data/backups}). Objects are files; each is written to a
 * temporary name, synced, and renamed into place; its SHA-256 sits beside it in {@code <file>.sha256}.
 * Unfinished writes are {@code *.partial} files, which {@link #abortStaleUploads} removes.
 */
public final class LocalFolderTarget implements ArchiveTarget {

    private static final String CHECKSUM_SUFFIX = ".sha256";
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Path root;

    public LocalFolderTarget(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    @Override
    public void check() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new TargetException("backup folder " + root + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(root)) {
            throw new TargetException("backup folder " + root + " is not writable");
        }
    }

    @Override
    public void put(String key, Path source, String sha256) {
        Path destination = resolve(key);
        write(destination, temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
        write(checksumFile(destination), temporary ->
                Files.writeString(temporary, sha256 + "\n", StandardCharsets.US_ASCII));
    }

    @Override
    public void putBytes(String key, byte[] content) {
        write(resolve(key), temporary -> Files.write(temporary, content));
    }

    private interface Writing {
        void to(Path temporary) throws IOException;
    }

    private void write(Path destination, Writing writing) {
        Path temporary = destination.resolveSibling(destination.getFileName() + "." + UUID.randomUUID()
                + PARTIAL_SUFFIX);
        try {
            Files.createDirectories(destination.getParent());
            writing.to(temporary);
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the partial file is swept by abortStaleUploads
            }
            throw new TargetException("cannot write " + destination + " in " + describe() + ": " + e, e);
        }
    }

    @Override
    public void get(String key, Path destination) {
        try {
            Files.copy(resolve(key), destination, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new TargetException("no object " + key + " in " + describe());
        } catch (IOException e) {
            throw new TargetException("cannot read " + key + " from " + describe() + ": " + e, e);
        }
    }

    @Override
    public <T> T read(String key, ObjectReader<T> reader) {
        try (java.io.InputStream in = Files.newInputStream(resolve(key))) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw new TargetException("no object " + key + " in " + describe());
        } catch (IOException e) {
            throw new TargetException("cannot read " + key + " from " + describe() + ": " + e, e);
        }
    }

    @Override
    public byte[] getBytes(String key) {
        try {
            return Files.readAllBytes(resolve(key));
        } catch (NoSuchFileException e) {
            throw new TargetException("no object " + key + " in " + describe());
        } catch (IOException e) {
            throw new TargetException("cannot read " + key + " from " + describe() + ": " + e, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return objects;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = root.relativize(file).toString().replace('\\', '/');
                    if (key.startsWith(prefix) && !key.endsWith(CHECKSUM_SUFFIX) && !key.endsWith(PARTIAL_SUFFIX)) {
                        objects.add(new StoredObject(key, attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new TargetException("cannot list " + describe() + ": " + e, e);
        }
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(checksumFile(file));
            removeEmptyFolders(file.getParent());
        } catch (IOException e) {
            throw new TargetException("cannot delete " + key + " from " + describe() + ": " + e, e);
        }
    }

    /** The SHA-256 stored beside the object, as written by {@link #put}. */
    public String storedSha256(String key) {
        try {
            return Files.readString(checksumFile(resolve(key)), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new TargetException("no checksum for " + key + " in " + describe());
        }
    }

    @Override
    public int abortStaleUploads(Instant startedBefore) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> stale = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(PARTIAL_SUFFIX)
                            && attributes.lastModifiedTime().toInstant().isBefore(startedBefore)) {
                        stale.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new TargetException("cannot sweep unfinished writes in " + describe() + ": " + e, e);
        }
        return stale.size();
    }

    private void removeEmptyFolders(Path folder) throws IOException {
        while (folder != null && folder.startsWith(root) && !folder.equals(root)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                return;
            }
            Files.deleteIfExists(folder);
            folder = folder.getParent();
        }
    }

    private Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + CHECKSUM_SUFFIX);
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || key.isBlank()) {
            throw new TargetException("key " + key + " leaves " + describe());
        }
        return path;
    }

}
