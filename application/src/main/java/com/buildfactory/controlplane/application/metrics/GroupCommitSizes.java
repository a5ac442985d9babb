package com.buildfactory.controlplane.application.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many commands shared each commit. Every command of a group runs inside the group's one Spring transaction;
 * the first registers a synchronization that reports the count when that transaction commits. Counted from here,
 * outside the writer, so the writer itself needs no metrics code.
 */
public class GroupCommitSizes {

    private static final Object KEY = new Object();

    private final DistributionSummary sizes;

    public GroupCommitSizes(MeterRegistry registry) {
        this.sizes = DistributionSummary.builder("control_plane_group_commit_size")
                .description("Commands committed together in one transaction (one fsync)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
    }

    void countCommandInGroup() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            sizes.record(1);
            return;
        }
        AtomicInteger count = (AtomicInteger) TransactionSynchronizationManager.getResource(KEY);
        if (count == null) {
            AtomicInteger fresh = new AtomicInteger();
            count = fresh;
            TransactionSynchronizationManager.bindResource(KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                    if (status == STATUS_COMMITTED) {
                        sizes.record(fresh.get());
                    }
                }
            });
        }
        count.incrementAndGet();
    }
}
