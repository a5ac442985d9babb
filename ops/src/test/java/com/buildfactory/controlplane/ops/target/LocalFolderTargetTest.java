package com.buildfactory.controlplane.ops.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.archive.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderTargetTest {

    @TempDir
    Path temp;

    @Test
    void storesListsFetchesAndDeletesObjectsWithTheirChecksums() throws Exception {
        LocalFolderTarget target = new LocalFolderTarget(temp.resolve("backups"));
        target.check();
        Path source = temp.resolve("part");
        Files.writeString(source, "events");
        target.put("archives/a/events.ndjson.gz", source, Sha256.of(source));
        target.putBytes("archives/a/manifest.json", "{}".getBytes());

        assertThat(target.list("archives/")).extracting(StoredObject::key)
                .containsExactly("archives/a/events.ndjson.gz", "archives/a/manifest.json");
        assertThat(target.storedSha256("archives/a/events.ndjson.gz")).isEqualTo(Sha256.of(source));
        Path back = temp.resolve("back");
        target.get("archives/a/events.ndjson.gz", back);
        assertThat(Files.readString(back)).isEqualTo("events");
        assertThat(target.exists("archives/a/manifest.json")).isTrue();

        target.deleteAll(java.util.List.of("archives/a/events.ndjson.gz", "archives/a/manifest.json"));
        assertThat(target.list("")).isEmpty();
        assertThat(temp.resolve("backups/archives")).doesNotExist();
        assertThatThrownBy(() -> target.getBytes("archives/a/manifest.json")).hasMessageContaining("no object");
        assertThatThrownBy(() -> target.get("../outside", back)).hasMessageContaining("leaves folder");
    }

    @Test
    void unfinishedWritesAreInvisibleAndSweptWhenStale() throws Exception {
        LocalFolderTarget target = new LocalFolderTarget(temp);
        Path partial = temp.resolve("archives/a/events.ndjson.gz.1234.partial");
        Files.createDirectories(partial.getParent());
        Files.writeString(partial, "half");
        Files.setLastModifiedTime(partial, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(target.list("archives/")).isEmpty();
        assertThat(target.abortStaleUploads(Instant.parse("2026-01-02T00:00:00Z"))).isEqualTo(1);
        assertThat(partial).doesNotExist();
    }
}
