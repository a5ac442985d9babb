package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.HeadAtStart;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a node records when it opens the shared store. Unlike a SQLite node it releases no token claims: the other
 * nodes' claims are live, and a dead node's are taken over once Axon's claim timeout passes.
 */
public final class PostgresNodeStart implements HeadAtStart {

    private final long headAtStart;

    private PostgresNodeStart(long headAtStart) {
        this.headAtStart = headAtStart;
    }

    /** Call with the schema migrated. */
    public static PostgresNodeStart open(JdbcTemplate jdbc) {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalIndex), -1) FROM DomainEventEntry", Long.class);
        return new PostgresNodeStart(head == null ? -1 : head);
    }

    @Override
    public long headAtStart() {
        return headAtStart;
    }
}
