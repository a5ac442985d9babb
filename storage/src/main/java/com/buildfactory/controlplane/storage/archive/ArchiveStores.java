package com.buildfactory.controlplane.storage.archive;

import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.LogRestoreTarget;
import com.buildfactory.controlplane.storage.postgres.PostgresArchiveSource;
import com.buildfactory.controlplane.storage.postgres.PostgresRestoreTarget;
import com.buildfactory.controlplane.storage.sqlite.SqliteArchiveSource;
import com.buildfactory.controlplane.storage.sqlite.SqliteRestoreTarget;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where archives are read from and restored into, by engine: what ops and the command line ask for, so that they name
 * a file or a JDBC URL and never an engine's classes.
 */
public final class ArchiveStores {

    private ArchiveStores() {
    }

    /** The log in a SQLite file, read on connections of its own. */
    public static LogArchiveSource sqliteFile(Path database) {
        return new SqliteArchiveSource(database);
    }

    /** The log in PostgreSQL, read on the service's pool. */
    public static LogArchiveSource postgres(DataSource dataSource, String description) {
        return new PostgresArchiveSource(dataSource, description);
    }

    /** A SQLite file to create or replace. */
    public static LogRestoreTarget sqliteRestore(Path database) {
        return new SqliteRestoreTarget(database);
    }

    /** An empty PostgreSQL database; null user and password mean "as the URL says". */
    public static LogRestoreTarget postgresRestore(String jdbcUrl, String usernameOrNull, String passwordOrNull) {
        return new PostgresRestoreTarget(jdbcUrl, usernameOrNull, passwordOrNull);
    }

    /** What is wrong with a freshly restored SQLite file, if anything (integrity, rows beside the log). */
    public static Optional<String> problemsOfRestoredSqliteFile(Path database) {
        return SqliteRestoreTarget.problemsOfRestoredFile(database);
    }
}
