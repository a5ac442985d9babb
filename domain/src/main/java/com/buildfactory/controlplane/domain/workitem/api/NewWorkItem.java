package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;

import java.util.List;

/** The fields of an item to be created, already validated at the edge. */
public record NewWorkItem(WorkItemKey key, String title, String description, WorkType workType, String branch,
                          String validationCommand, PullRequest pullRequest, List<DoneCriterion> doneCriteria,
                          PromptContext promptContext) {

    public NewWorkItem {
        doneCriteria = doneCriteria == null ? List.of() : List.copyOf(doneCriteria);
        DetailsChange.requireUniqueNames(doneCriteria.stream().map(DoneCriterion::name).toList());
    }
}
