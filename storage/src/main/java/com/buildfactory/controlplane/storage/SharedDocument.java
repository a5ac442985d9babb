package com.buildfactory.controlplane.storage;

import java.util.Optional;

/**
 * A small document every node of the cluster reads and writes alike (the backup run history): a file beside the
 * SQLite store, a row in the shared database on PostgreSQL.
 */
public interface SharedDocument {

    Optional<byte[]> read();

    void write(byte[] document);

    /** Whether another process may have written it since this one last read it (then it is read before every use). */
    boolean shared();
}
