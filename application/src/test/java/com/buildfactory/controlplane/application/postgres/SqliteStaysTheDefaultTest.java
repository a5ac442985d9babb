package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.SingleWriter;
import com.buildfactory.controlplane.storage.WriteTurn;
import com.buildfactory.controlplane.storage.postgres.ConcurrentCommands;
import com.buildfactory.controlplane.storage.postgres.FairShareOfSegments;
import com.buildfactory.controlplane.storage.postgres.PostgresProperties;
import com.buildfactory.controlplane.storage.sqlite.SqliteEventLog;
import com.buildfactory.controlplane.storage.sqlite.SqliteWriteQueue;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without the postgres profile nothing of the PostgreSQL engine is in the service, and SQLite's pieces all are. */
class SqliteStaysTheDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutTheProfileTheServiceRunsOnSqliteWithItsWriterAndCache() {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            assertThat(service.bean(EventLog.class)).isInstanceOf(SqliteEventLog.class);
            assertThat(service.bean(WriteTurn.class)).isInstanceOf(SqliteWriteQueue.class);
            assertThat(service.bean(SingleWriter.class)).isNotInstanceOf(ConcurrentCommands.class);
            assertThat(service.bean(Cache.class)).isNotSameAs(NoCache.INSTANCE);
            assertThatThrownBy(() -> service.bean(FairShareOfSegments.class))
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
            assertThatThrownBy(() -> service.bean(PostgresProperties.class))
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
        }
    }
}
