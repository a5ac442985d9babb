package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedStateIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Available Actions" of the seed page wi-BF-276 (Done, pull request linked, 32 of 32 criteria met, an actor
 * holding every permission), line by line as the page prints them.
 */
class SeedPageTest {

    private final ItemState seed = seedStateIn(Lane.DONE);
    private final ActionPolicy policy = new ActionPolicy();

    @Test
    void theSeedItemIsDoneWithItsPullRequestAndAllThirtyTwoCriteriaMet() {
        assertThat(seed.lane()).isEqualTo(Lane.DONE);
        assertThat(seed.hasPullRequest()).isTrue();
        assertThat(seed.doneCriteria()).hasSize(32);
        assertThat(seed.doneCriteriaMet()).isEqualTo(32);
    }

    @Test
    void startExecutionOnTheSeedItemIsBlockedWithTheSeedGuidance() {
        ActionAvailability startExecution = policy.evaluate(seed, lead(), ActionType.START_EXECUTION);

        assertThat(startExecution.enabled()).isFalse();
        assertThat(startExecution.alreadyDone()).isFalse();
        assertThat(ActionType.START_EXECUTION.description()).isEqualTo("Queue execution handoff for this work item.");
        assertThat(ActionType.START_EXECUTION.identity()).isEqualTo("start-execution");
        assertThat(ActionType.START_EXECUTION.permission()).isEqualTo("factory.work-item.execute");
        RecoveryGuidance guidance = startExecution.guidance().orElseThrow();
        assertThat(guidance.cause()).isEqualTo("Done items stay closed; Start execution cannot move them backward.");
        assertThat(guidance.policyContext())
                .isEqualTo("Lane transition policy blocks Start execution when the item is already Done.");
        assertThat(guidance.nextStep()).isEqualTo(
                "Create a net-new work item if more delivery is needed instead of reopening this one.");
        assertThat(guidance.safeRetry()).isEqualTo("Do not retry Start execution on a done item.");
        assertThat(gateLines(startExecution)).containsExactly(
                "lane-transition: blocked (Done items stay closed; Start execution cannot move them backward.)");
    }

    @Test
    void requestReviewOnTheSeedItemIsBlockedWithTheSeedGuidance() {
        ActionAvailability requestReview = policy.evaluate(seed, lead(), ActionType.REQUEST_REVIEW);

        assertThat(requestReview.enabled()).isFalse();
        assertThat(requestReview.alreadyDone()).isFalse();
        assertThat(ActionType.REQUEST_REVIEW.description()).isEqualTo("Mark this item ready for review lane handoff.");
        assertThat(ActionType.REQUEST_REVIEW.permission()).isEqualTo("factory.work-item.request-review");
        RecoveryGuidance guidance = requestReview.guidance().orElseThrow();
        assertThat(guidance.cause()).isEqualTo("Done items stay closed; Request review cannot move them backward.");
        assertThat(guidance.policyContext())
                .isEqualTo("Lane transition policy blocks Request review when the item is already Done.");
        assertThat(guidance.nextStep()).isEqualTo(
                "Create a net-new work item if more delivery is needed instead of reopening this one.");
        assertThat(guidance.safeRetry()).isEqualTo("Do not retry Request review on a done item.");
        assertThat(gateLines(requestReview)).containsExactly(
                "lane-transition: blocked (Done items stay closed; Request review cannot move them backward.)");
    }

    @Test
    void prepareReleaseOnTheSeedItemIsEnabledWithBothGatesPassing() {
        ActionAvailability prepareRelease = policy.evaluate(seed, lead(), ActionType.PREPARE_RELEASE);

        assertThat(prepareRelease.enabled()).isTrue();
        assertThat(prepareRelease.guidance()).isEmpty();
        assertThat(ActionType.PREPARE_RELEASE.description())
                .isEqualTo("Run release-preparation checks for the work item.");
        assertThat(ActionType.PREPARE_RELEASE.permission()).isEqualTo("factory.work-item.prepare-release");
        assertThat(gateLines(prepareRelease)).containsExactly("lane-eligibility: pass", "pull-request: pass");
    }

    @Test
    void recordHistoryOnTheSeedItemIsEnabledWithContextVisibilityPassing() {
        ActionAvailability recordHistory = policy.evaluate(seed, lead(), ActionType.RECORD_HISTORY);

        assertThat(recordHistory.enabled()).isTrue();
        assertThat(recordHistory.guidance()).isEmpty();
        assertThat(ActionType.RECORD_HISTORY.description())
                .isEqualTo("Capture history snapshots for audit and validation views.");
        assertThat(ActionType.RECORD_HISTORY.permission()).isEqualTo("factory.work-item.record-history");
        assertThat(gateLines(recordHistory)).containsExactly("context-visibility: pass");
    }

    @Test
    void theSeedPagesFourActionsAreEvaluatedTheSameWayInThePageList() {
        List<ActionAvailability> page = policy.evaluateActions(seed, lead());

        assertThat(page).filteredOn(availability -> List.of("start-execution", "request-review", "prepare-release",
                        "record-history").contains(availability.operation().identity()))
                .extracting(ActionAvailability::enabled)
                .containsExactly(false, false, true, true);
    }

    /** The "policy gate" lines of the seed page, without the prefix. */
    private static List<String> gateLines(ActionAvailability availability) {
        return availability.gates().stream()
                .map(gate -> gate.gate() + ": " + gate.result() + (gate.passed() ? "" : " (" + gate.reason() + ")"))
                .toList();
    }
}
