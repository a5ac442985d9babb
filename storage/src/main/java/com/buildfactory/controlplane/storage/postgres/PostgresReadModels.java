package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.ReadModels;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** The read models in the shared database, written and read on its pool, in Axon's Spring transactions. */
record PostgresReadModels(JdbcTemplate jdbc, TransactionManager transactions) implements ReadModels {

    PostgresReadModels(DataSource dataSource, TransactionManager transactions) {
        this(new JdbcTemplate(dataSource), transactions);
    }

    @Override
    public JdbcTemplate queries() {
        return jdbc;
    }
}
