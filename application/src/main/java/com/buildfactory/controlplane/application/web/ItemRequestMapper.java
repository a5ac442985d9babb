package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.PullRequestState;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.DetailsChange;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns validated request bodies into the domain's values. */
final class ItemRequestMapper {

    private ItemRequestMapper() {
    }

    static NewWorkItem newItem(ItemRequests.CreateItem body) {
        List<DoneCriterion> criteria = body.doneCriteria() == null ? List.of()
                : body.doneCriteria().stream().map(c -> new DoneCriterion(c.name().trim(), c.met())).toList();
        requireUniqueNames(criteria.stream().map(DoneCriterion::name).toList());
        return new NewWorkItem(new WorkItemKey(body.key()), body.title().trim(), body.description(),
                WorkType.parse(body.workType()).orElseThrow(), body.branch(), body.validationCommand(),
                pullRequest(body.pullRequest()), criteria, promptContext(body.promptContext()));
    }

    static DetailsChange detailsChange(ItemRequests.UpdateDetails body) {
        if (body.doneCriteria() != null) {
            requireUniqueNames(body.doneCriteria());
        }
        return new DetailsChange(body.title(), body.description(),
                body.workType() == null ? null : WorkType.parse(body.workType()).orElseThrow(),
                body.branch(), body.validationCommand(), promptContext(body.promptContext()),
                body.doneCriteria() == null ? null : body.doneCriteria().stream().map(String::trim).toList());
    }

    static PullRequest pullRequest(ItemRequests.PullRequestBody body) {
        return body == null ? null
                : new PullRequest(body.url(), PullRequestState.parse(body.state()).orElseThrow());
    }

    private static PromptContext promptContext(ItemRequests.PromptContextBody body) {
        return body == null ? null : new PromptContext(body.path(), body.text());
    }

    private static void requireUniqueNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name.trim())) {
                throw new InvalidInput("doneCriteria", "names each criterion once; '" + name + "' repeats");
            }
        }
    }
}
