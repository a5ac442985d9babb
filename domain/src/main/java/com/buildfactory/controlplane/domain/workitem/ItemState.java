package com.buildfactory.controlplane.domain.workitem;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the control plane knows about one item, rebuilt from its events. The aggregate decides with it, the
 * item page renders it, and both evolve it through the same events, so the two can never disagree on a rule.
 */
public record ItemState(
        String id,
        String key,
        String title,
        String description,
        WorkType workType,
        String branch,
        String validationCommand,
        PullRequest pullRequest,
        List<DoneCriterion> doneCriteria,
        PromptContext promptContext,
        Lane lane,
        TruthSignals signals,
        String followUpOf,
        List<String> followUps,
        ReleasePreparation lastReleasePreparation) {

    public ItemState {
        doneCriteria = doneCriteria == null ? List.of() : List.copyOf(doneCriteria);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        signals = signals == null && lane != null ? TruthSignals.observedIn(lane) : signals;
    }

    public long doneCriteriaMet() {
        return doneCriteria.stream().filter(DoneCriterion::met).count();
    }

    public List<String> unmetCriteria() {
        return doneCriteria.stream().filter(criterion -> !criterion.met()).map(DoneCriterion::name).toList();
    }

    public boolean hasPullRequest() {
        return pullRequest != null && pullRequest.url() != null;
    }

    public ItemState movedTo(Lane newLane) {
        return new ItemState(id, key, title, description, workType, branch, validationCommand, pullRequest,
                doneCriteria, promptContext, newLane, signals.afterMove(lane, newLane), followUpOf, followUps,
                lastReleasePreparation);
    }

    public ItemState withDetails(String newTitle, String newDescription, WorkType newWorkType, String newBranch,
                                 String newValidationCommand, PromptContext newPromptContext) {
        return new ItemState(id, key, newTitle, newDescription, newWorkType, newBranch, newValidationCommand,
                pullRequest, doneCriteria, newPromptContext, lane, signals, followUpOf, followUps,
                lastReleasePreparation);
    }

    public ItemState withPullRequest(PullRequest newPullRequest) {
        return new ItemState(id, key, title, description, workType, branch, validationCommand, newPullRequest,
                doneCriteria, promptContext, lane, signals, followUpOf, followUps, lastReleasePreparation);
    }

    public ItemState withDoneCriteria(List<DoneCriterion> newCriteria) {
        return new ItemState(id, key, title, description, workType, branch, validationCommand, pullRequest,
                newCriteria, promptContext, lane, signals, followUpOf, followUps, lastReleasePreparation);
    }

    public ItemState withCriterionMet(String name, boolean met) {
        List<DoneCriterion> updated = new ArrayList<>(doneCriteria.size());
        for (DoneCriterion criterion : doneCriteria) {
            updated.add(criterion.name().equals(name) ? criterion.withMet(met) : criterion);
        }
        return withDoneCriteria(updated);
    }

    public ItemState withSignals(TruthSignals newSignals) {
        return new ItemState(id, key, title, description, workType, branch, validationCommand, pullRequest,
                doneCriteria, promptContext, lane, newSignals, followUpOf, followUps, lastReleasePreparation);
    }

    public ItemState withFollowUp(String followUpId) {
        List<String> updated = new ArrayList<>(followUps);
        updated.add(followUpId);
        return new ItemState(id, key, title, description, workType, branch, validationCommand, pullRequest,
                doneCriteria, promptContext, lane, signals, followUpOf, updated, lastReleasePreparation);
    }

    public ItemState withReleasePreparation(ReleasePreparation preparation) {
        return new ItemState(id, key, title, description, workType, branch, validationCommand, pullRequest,
                doneCriteria, promptContext, lane, signals, followUpOf, followUps, preparation);
    }

    public boolean hasCriterion(String name) {
        return doneCriteria.stream().anyMatch(criterion -> criterion.name().equals(name));
    }
}
