package com.buildfactory.controlplane.storage.sqlite;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells Axon when an append failed on a unique key, so that two writers of one item surface as a concurrency
 * conflict (and a second create of one id as "already exists") instead of a generic storage failure. Axon only
 * recognises SQLIntegrityConstraintViolationException, which sqlite-jdbc never throws.
 */
public class SqliteDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
        }
        return false;
    }
}
