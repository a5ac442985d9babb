package com.buildfactory.controlplane.storage.sqlite;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/**
 * Evicts a connection from the pool after any SQLITE_BUSY. sqlite-jdbc can leave such a connection believing it is
 * in a transaction when none is open; reused, it auto-commits later statements and fails its rollback.
 */
public class SqliteBusyEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return isBusy(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT
                    || code == SQLiteErrorCode.SQLITE_BUSY_RECOVERY || code == SQLiteErrorCode.SQLITE_BUSY_TIMEOUT;
        }
        return e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code;
    }
}
