package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LinkPullRequest(@TargetAggregateIdentifier String itemId, Actor actor, Long expectedVersion,
                              PullRequest pullRequest) {
}
