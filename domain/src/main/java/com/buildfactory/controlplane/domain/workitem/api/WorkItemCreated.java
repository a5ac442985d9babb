package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.WorkType;

import java.util.List;

public record WorkItemCreated(String itemId, String key, String title, String description, WorkType workType,
                              String branch, String validationCommand, PullRequest pullRequest,
                              List<DoneCriterion> doneCriteria, PromptContext promptContext, String followUpOf)
        implements WorkItemEvent {

    public static WorkItemCreated of(String itemId, NewWorkItem item, String followUpOf) {
        return new WorkItemCreated(itemId, item.key().value(), item.title(), item.description(), item.workType(),
                item.branch(), item.validationCommand(), item.pullRequest(), item.doneCriteria(),
                item.promptContext(), followUpOf);
    }

    @Override
    public ItemState evolve(ItemState state) {
        return new ItemState(itemId, key, title, description, workType, branch, validationCommand, pullRequest,
                doneCriteria, promptContext, Lane.BACKLOG, null, followUpOf, List.of(), null);
    }
}
