package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/** A migrated SQLite file with the service's own connection settings, without the rest of the service. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static DataSource migrated(Path dataDir) {
        StorageProperties storage = new StorageProperties(dataDir, "test.db", "test-read-models.db", "FULL", Duration.ofSeconds(10), 1);
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(storage.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        return dataSource;
    }
}
