package com.buildfactory.controlplane.storage.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFolderLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstLetsGo() {
        try (DataFolderLock first = DataFolderLock.acquire(dataDir)) {
            assertThat(first.file()).isEqualTo(dataDir.toAbsolutePath().resolve(DataFolderLock.FILE_NAME));
            assertThatThrownBy(() -> DataFolderLock.acquire(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running control plane");
        }
        DataFolderLock.acquire(dataDir).close();
    }
}
