package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.blockedResult;
import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.passedResult;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.RESTRICTED;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedStateIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.stateIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;

/** Every action in every lane, with its permission held and missing, against the documented gates and guidance. */
class ActionPolicyTest {

    /** The permissions of the action table, written out rather than read from ActionType. */
    private static final Map<ActionType, String> DOCUMENTED_PERMISSION = Map.of(
            ActionType.MARK_READY, "factory.work-item.triage",
            ActionType.START_EXECUTION, "factory.work-item.execute",
            ActionType.REQUEST_REVIEW, "factory.work-item.request-review",
            ActionType.REQUEST_CHANGES, "factory.work-item.review",
            ActionType.COMPLETE, "factory.work-item.complete",
            ActionType.PREPARE_RELEASE, "factory.work-item.prepare-release",
            ActionType.RECORD_HISTORY, "factory.work-item.record-history",
            ActionType.CREATE_FOLLOW_UP, "factory.work-item.create",
            ActionType.RECONCILE, "factory.work-item.reconcile");

    private static final Map<ActionType, Lane> DOCUMENTED_TARGET = Map.of(
            ActionType.MARK_READY, Lane.READY,
            ActionType.START_EXECUTION, Lane.IN_PROGRESS,
            ActionType.REQUEST_REVIEW, Lane.REVIEW,
            ActionType.REQUEST_CHANGES, Lane.IN_PROGRESS,
            ActionType.COMPLETE, Lane.DONE);

    private final ActionPolicy policy = new ActionPolicy();

    static Stream<Arguments> everyActionInEveryLaneWithAndWithoutPermission() {
        List<Arguments> cases = new ArrayList<>();
        for (ActionType action : ActionType.values()) {
            for (Lane lane : Lane.values()) {
                cases.add(Arguments.of(action, lane, true));
                cases.add(Arguments.of(action, lane, false));
            }
        }
        return cases.stream();
    }

    /** The gates the issue documents for an action, for an actor who holds every permission, on the seed item. */
    static List<GateResult> documentedGates(ActionType action, Lane lane) {
        return switch (action) {
            case MARK_READY, START_EXECUTION, REQUEST_REVIEW, REQUEST_CHANGES -> List.of(laneTransition(action, lane));
            case COMPLETE -> List.of(laneTransition(action, lane), passedResult("done-criteria"));
            case PREPARE_RELEASE -> List.of(laneEligibility(action, lane), passedResult("pull-request"));
            case RECORD_HISTORY -> List.of(passedResult("context-visibility"));
            case CREATE_FOLLOW_UP -> List.of(laneEligibility(action, lane));
            case RECONCILE -> List.of(blockedResult("drift-resolvable", new RecoveryGuidance(
                    "The item has no drift; its truth signals agree with its lane.",
                    "Reconciliation policy answers Reconcile on a consistent item as already done.",
                    "No action is needed. No reconciliation required; item truth signals are consistent.",
                    "Safe to retry: a repeated Reconcile changes nothing and is answered as already done.")));
        };
    }

    private static GateResult laneTransition(ActionType action, Lane lane) {
        return DocumentedGuidance.laneTransition(action, lane)
                .map(guidance -> blockedResult("lane-transition", guidance))
                .orElse(passedResult("lane-transition"));
    }

    private static GateResult laneEligibility(ActionType action, Lane lane) {
        return DocumentedGuidance.laneEligibility(action, lane)
                .map(guidance -> blockedResult("lane-eligibility", guidance))
                .orElse(passedResult("lane-eligibility"));
    }

    @ParameterizedTest(name = "{0} on an item in {1}, permission held: {2}")
    @MethodSource("everyActionInEveryLaneWithAndWithoutPermission")
    void everyActionLaneAndPermissionGivesTheDocumentedGatesAndGuidance(ActionType action, Lane lane,
                                                                        boolean permissionHeld) {
        String permission = DOCUMENTED_PERMISSION.get(action);
        Actor actor = permissionHeld ? lead() : without(permission);

        ActionAvailability availability = policy.evaluate(seedStateIn(lane), actor, action);

        List<GateResult> expected = new ArrayList<>();
        if (!permissionHeld) {
            expected.add(blockedResult("permission",
                    DocumentedGuidance.permissionMissing(RESTRICTED, permission, action.label())));
        }
        expected.addAll(documentedGates(action, lane));
        boolean allPass = expected.stream().allMatch(GateResult::passed);
        // The seed item's truth signals follow its lane, so there is never drift to reconcile.
        boolean effectHolds = action == ActionType.RECONCILE || DOCUMENTED_TARGET.get(action) == lane;

        assertThat(availability.operation()).isEqualTo(action);
        assertThat(availability.gates()).containsExactlyElementsOf(expected);
        assertThat(availability.enabled()).isEqualTo(allPass);
        assertThat(availability.alreadyDone()).isEqualTo(permissionHeld && effectHolds);
        assertThat(availability.permissionMissing()).isEqualTo(!permissionHeld);
        assertThat(availability.guidance())
                .isEqualTo(expected.stream().filter(gate -> !gate.passed()).findFirst().map(GateResult::guidance));
    }

    @ParameterizedTest(name = "{0} has permission {1}")
    @CsvSource({
            "MARK_READY,       mark-ready,       Mark ready,       factory.work-item.triage",
            "START_EXECUTION,  start-execution,  Start execution,  factory.work-item.execute",
            "REQUEST_REVIEW,   request-review,   Request review,   factory.work-item.request-review",
            "REQUEST_CHANGES,  request-changes,  Request changes,  factory.work-item.review",
            "COMPLETE,         complete,         Complete,         factory.work-item.complete",
            "PREPARE_RELEASE,  prepare-release,  Prepare release,  factory.work-item.prepare-release",
            "RECORD_HISTORY,   record-history,   Record history,   factory.work-item.record-history",
            "CREATE_FOLLOW_UP, create-follow-up, Create follow-up, factory.work-item.create",
            "RECONCILE,        reconcile,        Reconcile,        factory.work-item.reconcile"})
    void everyActionHasItsDocumentedIdentityLabelAndPermission(ActionType action, String identity, String label,
                                                              String permission) {
        assertThat(action.identity()).isEqualTo(identity);
        assertThat(action.label()).isEqualTo(label);
        assertThat(action.permission()).isEqualTo(permission);
        assertThat(action.description()).isNotBlank();
        assertThat(ActionType.fromIdentity(identity)).contains(action);
    }

    @Test
    void laneActionsFollowTheDocumentedLanes() {
        assertThat(Arrays.stream(ActionType.values()).filter(ActionType::movesLane)
                .map(action -> action.from().orElseThrow() + "->" + action.to().orElseThrow()))
                .containsExactly("BACKLOG->READY", "READY->IN_PROGRESS", "IN_PROGRESS->REVIEW",
                        "REVIEW->IN_PROGRESS", "REVIEW->DONE");
        assertThat(Arrays.stream(ActionType.values()).filter(action -> !action.movesLane()))
                .containsExactly(ActionType.PREPARE_RELEASE, ActionType.RECORD_HISTORY, ActionType.CREATE_FOLLOW_UP,
                        ActionType.RECONCILE);
    }

    @Test
    void noActionMovesADoneItem() {
        for (ActionType action : ActionType.values()) {
            assertThat(action.from()).as(action.identity()).isNotEqualTo(Optional.of(Lane.DONE));
        }
    }

    @Test
    void completeIsBlockedWhileDoneCriteriaAreUnmetAndNamesTheFirstThree() {
        ItemState item = stateIn(Lane.REVIEW, PR, List.of(
                new DoneCriterion("runbook", false),
                new DoneCriterion("backup", true),
                new DoneCriterion("restore drill", false),
                new DoneCriterion("staging", false),
                new DoneCriterion("uptime", false),
                new DoneCriterion("alerts", false)));

        ActionAvailability availability = policy.evaluate(item, lead(), ActionType.COMPLETE);

        assertThat(availability.enabled()).isFalse();
        assertThat(availability.alreadyDone()).isFalse();
        assertThat(availability.gates()).containsExactly(
                passedResult("lane-transition"),
                blockedResult("done-criteria", DocumentedGuidance.unmetDoneCriteria(
                        "5 of 6 done criteria are not met: runbook, restore drill, staging and 2 more.")));
    }

    @Test
    void completeIsBlockedWhenTheItemHasNoDoneCriteria() {
        ActionAvailability availability = policy.evaluate(stateIn(Lane.REVIEW, PR, List.of()), lead(),
                ActionType.COMPLETE);

        assertThat(availability.enabled()).isFalse();
        assertThat(availability.gates()).containsExactly(
                passedResult("lane-transition"),
                blockedResult("done-criteria", DocumentedGuidance.noDoneCriteria()));
    }

    @Test
    void completeOutsideReviewWithUnmetCriteriaReportsBothGates() {
        ActionAvailability availability = policy.evaluate(
                stateIn(Lane.IN_PROGRESS, PR, Scenarios.criteria(2, false)), lead(), ActionType.COMPLETE);

        assertThat(availability.gates()).containsExactly(
                blockedResult("lane-transition", DocumentedGuidance.laneTransition(ActionType.COMPLETE,
                        Lane.IN_PROGRESS).orElseThrow()),
                blockedResult("done-criteria", DocumentedGuidance.unmetDoneCriteria(
                        "2 of 2 done criteria are not met: criterion-01, criterion-02.")));
        assertThat(availability.guidance()).contains(
                DocumentedGuidance.laneTransition(ActionType.COMPLETE, Lane.IN_PROGRESS).orElseThrow());
    }

    @ParameterizedTest(name = "prepare-release without a pull request in {0}")
    @EnumSource(value = Lane.class, names = {"REVIEW", "DONE"})
    void prepareReleaseIsBlockedWithoutAPullRequest(Lane lane) {
        ActionAvailability availability = policy.evaluate(stateIn(lane, null, Scenarios.seedCriteria()), lead(),
                ActionType.PREPARE_RELEASE);

        assertThat(availability.enabled()).isFalse();
        assertThat(availability.gates()).containsExactly(
                passedResult("lane-eligibility"),
                blockedResult("pull-request", DocumentedGuidance.noPullRequest()));
    }

    @Test
    void prepareReleaseOutsideReviewOrDoneAndWithoutPullRequestReportsBothGates() {
        ActionAvailability availability = policy.evaluate(stateIn(Lane.BACKLOG, null, List.of()), lead(),
                ActionType.PREPARE_RELEASE);

        assertThat(availability.gates()).containsExactly(
                blockedResult("lane-eligibility",
                        DocumentedGuidance.laneEligibility(ActionType.PREPARE_RELEASE, Lane.BACKLOG).orElseThrow()),
                blockedResult("pull-request", DocumentedGuidance.noPullRequest()));
    }

    @Test
    void aPullRequestWithoutUrlDoesNotCountAsLinked() {
        ActionAvailability availability = policy.evaluate(
                stateIn(Lane.DONE, new PullRequest(null, null),
                        Scenarios.seedCriteria()), lead(), ActionType.PREPARE_RELEASE);

        assertThat(availability.enabled()).isFalse();
        assertThat(availability.blockedGates()).extracting(GateResult::gate).containsExactly("pull-request");
    }

    @ParameterizedTest(name = "record-history without view-prompt-context in {0}")
    @EnumSource(Lane.class)
    void recordHistoryIsBlockedForAnActorWhoMayNotSeeThePromptContext(Lane lane) {
        Actor actor = without(Permissions.VIEW_PROMPT_CONTEXT);

        ActionAvailability availability = policy.evaluate(seedStateIn(lane), actor, ActionType.RECORD_HISTORY);

        assertThat(availability.enabled()).isFalse();
        assertThat(availability.permissionMissing()).isFalse();
        assertThat(availability.gates()).containsExactly(
                blockedResult("context-visibility", DocumentedGuidance.promptContextHidden()));
    }

    @Test
    void theWildcardPermissionHoldsEveryPermission() {
        Actor admin = new Actor("admin", Set.of(Permissions.ALL));

        for (ActionType action : ActionType.values()) {
            assertThat(policy.evaluate(seedStateIn(Lane.DONE), admin, action).permissionMissing())
                    .as(action.identity()).isFalse();
        }
        assertThat(policy.evaluate(seedStateIn(Lane.DONE), admin, ActionType.RECORD_HISTORY).enabled()).isTrue();
    }

    @Test
    void anActorWithNoPermissionsIsMissingThePermissionOfEveryOperation() {
        Actor nobody = new Actor("nobody", Set.of());

        for (ActionType action : ActionType.values()) {
            assertThat(policy.evaluate(seedStateIn(Lane.REVIEW), nobody, action).permissionMissing())
                    .as(action.identity()).isTrue();
        }
        for (ItemEdit edit : ItemEdit.values()) {
            ItemState item = edit == ItemEdit.CREATE ? null : seedStateIn(Lane.REVIEW);
            assertThat(policy.evaluate(item, nobody, edit).permissionMissing()).as(edit.identity()).isTrue();
        }
    }

    @Test
    void evaluateActionsListsAllNineActionsInDeliveryOrder() {
        assertThat(policy.evaluateActions(seedStateIn(Lane.DONE), lead()))
                .extracting(availability -> availability.operation().identity())
                .containsExactly("mark-ready", "start-execution", "request-review", "request-changes", "complete",
                        "prepare-release", "record-history", "create-follow-up", "reconcile");
    }
}
