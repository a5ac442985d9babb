package com.buildfactory.controlplane.domain.workitem;

import java.util.List;

/** The release-preparation checks that prepare-release runs and records. */
final class ReleaseChecks {

    private ReleaseChecks() {
    }

    static ReleasePreparation run(ItemState item) {
        boolean linked = item.hasPullRequest();
        PullRequestState prState = linked ? item.pullRequest().state() : null;
        return ReleasePreparation.of(List.of(
                new ReleaseCheck("pull-request-linked", linked,
                        linked ? item.pullRequest().url() : "No pull request is linked."),
                new ReleaseCheck("pull-request-not-closed", prState != PullRequestState.CLOSED,
                        prState == null ? "No pull request state." : "Pull request is " + prState.slug() + "."),
                new ReleaseCheck("done-criteria-met", !item.doneCriteria().isEmpty() && item.unmetCriteria().isEmpty(),
                        item.doneCriteriaMet() + " of " + item.doneCriteria().size() + " done criteria met."),
                new ReleaseCheck("branch-named", notBlank(item.branch()),
                        notBlank(item.branch()) ? item.branch() : "No branch is named."),
                new ReleaseCheck("validation-command-named", notBlank(item.validationCommand()),
                        notBlank(item.validationCommand()) ? item.validationCommand()
                                : "No validation command is named.")));
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
