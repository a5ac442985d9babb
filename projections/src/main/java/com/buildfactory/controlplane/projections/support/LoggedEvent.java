package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;

import java.time.Instant;

/**
 * One stored event as a rebuild reads it from the log, outside a tracking processor: what a live handler gets as
 * its payload, {@code @SequenceNumber}, token position, {@code @Timestamp} and actor metadata. The time and the
 * actor may be read lazily: most events of a rebuild never need them.
 */
public interface LoggedEvent {

    WorkItemEvent event();

    long sequenceNumber();

    long position();

    Instant at();

    String actor();
}
