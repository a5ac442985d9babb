package com.buildfactory.controlplane.projections.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows waiting to be written, grouped by statement, in the order the statements were first used. */
public final class RowBatch {

    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private int size;

    public void add(String sql, Object... args) {
        rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
        size++;
    }

    public int size() {
        return size;
    }

    /** Writes every row with one batched statement per SQL, inside the caller's transaction, and empties it. */
    public void flush(JdbcTemplate jdbc) {
        rows.forEach((sql, args) -> jdbc.batchUpdate(sql, args));
        rows.clear();
        size = 0;
    }
}
