package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateWorkItem(@TargetAggregateIdentifier String itemId, Actor actor, NewWorkItem item) {
}
