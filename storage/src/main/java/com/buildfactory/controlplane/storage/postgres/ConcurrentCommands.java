package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.SingleWriter;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.function.Supplier;

/**
 * Commands run side by side: PostgreSQL has row locks, and Axon locks each item within a node. Two nodes deciding
 * on the same item collide on the event table's unique key; the loser is decided again on the item as it now is,
 * which is safe because the aggregate re-checks every gate and the expected version on fresh state. A second create
 * of one item is never retried: it is "already exists". After {@link #ATTEMPTS} collisions the conflict reaches the
 * client as 409.
 */
public class ConcurrentCommands extends SingleWriter {

    static final int ATTEMPTS = 3;

    @Override
    public <T> T write(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (AggregateStreamCreationException exists) {
                throw exists;
            } catch (ConcurrencyException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }
}
