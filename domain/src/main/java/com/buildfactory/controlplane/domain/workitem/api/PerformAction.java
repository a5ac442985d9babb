package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Runs one action on an item. {@code followUp} is used by create-follow-up only; {@code note} is free text. */
public record PerformAction(@TargetAggregateIdentifier String itemId, ActionType action, Actor actor,
                            Long expectedVersion, String note, NewWorkItem followUp) {
}
