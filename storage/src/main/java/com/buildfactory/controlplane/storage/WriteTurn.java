package com.buildfactory.controlplane.storage;

import java.util.function.Supplier;

/**
 * A turn to write, taken around every write transaction that does not go through Axon (idempotency records, tokens,
 * the health probe). SQLite hands out turns from its write queue because it has one writer; PostgreSQL has row
 * locks and needs no turn ({@link #none()}).
 */
public interface WriteTurn {

    void enter();

    void leave();

    default <T> T call(Supplier<T> work) {
        enter();
        try {
            return work.get();
        } finally {
            leave();
        }
    }

    /** Writers that need no turn: the database orders them. */
    static WriteTurn none() {
        return new WriteTurn() {
            @Override
            public void enter() {
            }

            @Override
            public void leave() {
            }
        };
    }
}
