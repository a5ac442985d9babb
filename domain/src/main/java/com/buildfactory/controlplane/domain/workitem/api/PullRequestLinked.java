package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.PullRequest;

public record PullRequestLinked(String itemId, PullRequest pullRequest) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withPullRequest(pullRequest);
    }
}
