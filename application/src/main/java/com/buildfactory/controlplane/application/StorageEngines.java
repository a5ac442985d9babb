package com.buildfactory.controlplane.application;

import com.buildfactory.controlplane.storage.postgres.PostgresStorageConfiguration;
import com.buildfactory.controlplane.storage.sqlite.SqliteStorageConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/** One storage engine per process: SQLite unless the {@code postgres} profile is active. */
final class StorageEngines {

    static final String POSTGRES = "postgres";

    private StorageEngines() {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("!" + POSTGRES)
    @Import(SqliteStorageConfiguration.class)
    static class Sqlite {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(POSTGRES)
    @Import(PostgresStorageConfiguration.class)
    static class Postgres {
    }
}
