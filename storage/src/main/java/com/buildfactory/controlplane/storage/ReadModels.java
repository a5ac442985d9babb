package com.buildfactory.controlplane.storage;

import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the read models live, as the projections, their queries and the bulk rebuild see it. SQLite keeps them in a
 * file of their own with its own writer; PostgreSQL keeps them in the shared database. A batch and its tracking
 * token commit together in {@link #transactions()} either way.
 */
public interface ReadModels {

    /** The projections' statements, rebuilds and token work: inside a batch they join its transaction. */
    JdbcTemplate jdbc();

    /** Reads of the read models for pages and lists. */
    JdbcTemplate queries();

    /** Axon's transactions for processor batches, rebuild chunks and token operations. */
    TransactionManager transactions();
}
