package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A reporter's observation of one truth signal; {@code observedAt} is when it was seen, not when it arrived. */
public record ReportTruthSignal(@TargetAggregateIdentifier String itemId, Actor actor, Long expectedVersion,
                                TruthSignal signal, String value, Instant observedAt) {
}
