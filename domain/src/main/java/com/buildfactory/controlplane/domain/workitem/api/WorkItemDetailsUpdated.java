package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.WorkType;

/** Carries the full new details, not a diff, so that replaying it needs nothing else. */
public record WorkItemDetailsUpdated(String itemId, String title, String description, WorkType workType,
                                     String branch, String validationCommand, PromptContext promptContext)
        implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withDetails(title, description, workType, branch, validationCommand, promptContext);
    }
}
