package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriteriaRevised;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.FollowUpCreated;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.PullRequestLinked;
import com.buildfactory.controlplane.domain.workitem.api.ReleasePrepared;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.SampleEvents;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemDetailsUpdated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PROMPT;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedCreated;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedStateIn;
import static org.assertj.core.api.Assertions.assertThat;

/** Events evolve ItemState as pure functions: same state and event, same result, and the input left untouched. */
class ItemStateEvolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every sample event, applied to the state the events before it built. */
    static Stream<Arguments> everyEventWithTheStateBeforeIt() {
        List<WorkItemEvent> events = SampleEvents.all();
        List<Arguments> cases = new ArrayList<>();
        ItemState state = null;
        for (WorkItemEvent event : events) {
            cases.add(Arguments.of(event.getClass().getSimpleName(), event, state));
            state = event.evolve(state);
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventWithTheStateBeforeIt")
    void everyEventEvolvesEqualStatesIntoEqualStatesWithoutTouchingItsInput(String name, WorkItemEvent event,
                                                                         ItemState before) throws Exception {
        String beforeAsJson = JSON.writeValueAsString(before);
        ItemState copyOfBefore = before == null ? null : JSON.readValue(beforeAsJson, ItemState.class);

        ItemState first = event.evolve(before);
        ItemState second = event.evolve(copyOfBefore);
        ItemState third = event.evolve(before);

        assertThat(first).isNotNull().isEqualTo(second).isEqualTo(third);
        assertThat(JSON.writeValueAsString(before)).isEqualTo(beforeAsJson);
        assertThat(first.id()).isEqualTo(event.itemId());
    }

    @Test
    void replayingTheSameHistoryTwiceBuildsTheSameState() {
        assertThat(replay(SampleEvents.all())).isEqualTo(replay(SampleEvents.all()));
    }

    @Test
    void replayingTheSampleHistoryBuildsTheExpectedState() {
        ItemState state = replay(SampleEvents.all());

        assertThat(state).isEqualTo(new ItemState(ITEM_ID, "BF-276", "New title", "New description — with ünïcode",
                WorkType.CHORE, "bf/new-branch", "./scripts/validate.sh", PR,
                List.of(new DoneCriterion("drill", true), new DoneCriterion("runbook", true),
                        new DoneCriterion("uptime", true)),
                new PromptContext("./p.md", "line 1\nline 2"), Lane.DONE, new TruthSignals("done", "done", "done"),
                null, List.of("wi-BF-300", "wi-BF-301"),
                new ReleasePreparation(false, List.of(
                        new ReleaseCheck("pull-request-linked", true, PR.url()),
                        new ReleaseCheck("pull-request-not-closed", false, "Pull request is closed.")))));
    }

    @Test
    void everyPrefixOfTheHistoryReplaysToTheSameStateAsEvolvingStepByStep() {
        List<WorkItemEvent> events = SampleEvents.all();
        ItemState stepByStep = null;
        for (int n = 1; n <= events.size(); n++) {
            stepByStep = events.get(n - 1).evolve(stepByStep);
            assertThat(replay(events.subList(0, n))).as("after %d events", n).isEqualTo(stepByStep);
        }
    }

    @Test
    void workItemCreatedStartsAFreshItemInBacklogWhateverCameBefore() {
        WorkItemCreated created = seedCreated();

        ItemState fresh = created.evolve(null);

        assertThat(fresh).isEqualTo(new ItemState(ITEM_ID, "BF-276", Scenarios.TITLE, Scenarios.DESCRIPTION,
                WorkType.OPERATIONS, Scenarios.BRANCH, Scenarios.VALIDATION, PR, Scenarios.seedCriteria(), PROMPT,
                Lane.BACKLOG, new TruthSignals("backlog", "backlog", "backlog"), null, List.of(), null));
        assertThat(created.evolve(seedStateIn(Lane.DONE))).isEqualTo(fresh);
    }

    @Test
    void laneEventsMoveTheLaneAndItsTruthSignals() {
        ItemState backlog = seedStateIn(Lane.BACKLOG);

        assertThat(new MarkedReady(ITEM_ID).evolve(backlog)).isEqualTo(movedTo(backlog, Lane.READY, "ready"));
        assertThat(new ExecutionStarted(ITEM_ID).evolve(backlog))
                .isEqualTo(movedTo(backlog, Lane.IN_PROGRESS, "in-progress"));
        assertThat(new ReviewRequested(ITEM_ID).evolve(backlog)).isEqualTo(movedTo(backlog, Lane.REVIEW, "review"));
        assertThat(new ChangesRequested(ITEM_ID).evolve(seedStateIn(Lane.REVIEW)))
                .isEqualTo(movedTo(backlog, Lane.IN_PROGRESS, "in-progress"));
        assertThat(new WorkItemCompleted(ITEM_ID).evolve(backlog)).isEqualTo(movedTo(backlog, Lane.DONE, "done"));
    }

    private static ItemState movedTo(ItemState from, Lane lane, String slug) {
        return new ItemState(from.id(), from.key(), from.title(), from.description(), from.workType(), from.branch(),
                from.validationCommand(), from.pullRequest(), from.doneCriteria(), from.promptContext(), lane,
                new TruthSignals(slug, slug, slug), from.followUpOf(), from.followUps(),
                from.lastReleasePreparation());
    }

    @Test
    void auditOnlyEventsLeaveTheStateAsItWas() {
        ItemState review = seedStateIn(Lane.REVIEW);

        assertThat(new HistoryRecorded(ITEM_ID, "note").evolve(review)).isEqualTo(review);
        assertThat(new ActionBlocked(ITEM_ID, "complete", "lead", List.of()).evolve(review)).isEqualTo(review);
    }

    @Test
    void detailsUpdateReplacesTheDetailsAndKeepsLanePullRequestAndCriteria() {
        ItemState review = seedStateIn(Lane.REVIEW);
        PromptContext prompt = new PromptContext("./q.md", "q");

        ItemState updated = new WorkItemDetailsUpdated(ITEM_ID, "T", "D", WorkType.BUG, "b", "v", prompt)
                .evolve(review);

        assertThat(updated).isEqualTo(new ItemState(ITEM_ID, "BF-276", "T", "D", WorkType.BUG, "b", "v", PR,
                review.doneCriteria(), prompt, Lane.REVIEW, review.signals(), null, List.of(), null));
    }

    @Test
    void criterionMarkChangesOnlyTheNamedCriterionAndIgnoresUnknownNames() {
        ItemState item = Scenarios.stateIn(Lane.IN_PROGRESS, PR, Scenarios.criteria(3, false));

        ItemState marked = new DoneCriterionMarked(ITEM_ID, "criterion-02", true).evolve(item);

        assertThat(marked.doneCriteria()).containsExactly(new DoneCriterion("criterion-01", false),
                new DoneCriterion("criterion-02", true), new DoneCriterion("criterion-03", false));
        assertThat(new DoneCriterionMarked(ITEM_ID, "criterion-99", true).evolve(item)).isEqualTo(item);
    }

    @Test
    void criteriaRevisionPullRequestReleaseAndFollowUpEventsSetTheirOwnField() {
        ItemState done = seedStateIn(Lane.DONE);
        List<DoneCriterion> revised = List.of(new DoneCriterion("only", true));
        PullRequest other = new PullRequest("https://example.test/pull/9", PullRequestState.CLOSED);
        ReleasePreparation preparation = new ReleasePreparation(true, List.of(new ReleaseCheck("c", true, "d")));

        ItemState revisedState = new DoneCriteriaRevised(ITEM_ID, revised).evolve(done);
        ItemState linkedState = new PullRequestLinked(ITEM_ID, other).evolve(done);
        ItemState preparedState = new ReleasePrepared(ITEM_ID, preparation).evolve(done);
        ItemState followedState = new FollowUpCreated(ITEM_ID, "wi-BF-9").evolve(done);

        assertThat(revisedState.doneCriteria()).isEqualTo(revised);
        assertThat(linkedState.pullRequest()).isEqualTo(other);
        assertThat(preparedState.lastReleasePreparation()).isEqualTo(preparation);
        assertThat(followedState.followUps()).containsExactly("wi-BF-9");
        assertThat(revisedState.withDoneCriteria(done.doneCriteria())).as("nothing else changed").isEqualTo(done);
        assertThat(linkedState.withPullRequest(PR)).as("nothing else changed").isEqualTo(done);
        assertThat(preparedState.withReleasePreparation(null)).as("nothing else changed").isEqualTo(done);
        assertThat(new FollowUpCreated(ITEM_ID, "wi-BF-10").evolve(followedState).followUps())
                .containsExactly("wi-BF-9", "wi-BF-10");
    }

    @Test
    void theAggregateHoldsExactlyTheStateThatReplayingItsEventsBuilds() {
        List<WorkItemEvent> history = SampleEvents.all();
        FixtureConfiguration<WorkItem> fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());

        fixture.given(new ArrayList<Object>(history))
                .when(new PerformAction(ITEM_ID, ActionType.RECORD_HISTORY, Scenarios.lead(), null, "n", null))
                .expectState(item -> {
                    assertThat(AggregateFields.stateOf(item)).isEqualTo(replay(history));
                    assertThat(AggregateFields.versionOf(item)).isEqualTo(history.size());
                    assertThat(AggregateFields.idOf(item)).isEqualTo(ITEM_ID);
                });
    }

    static ItemState replay(List<WorkItemEvent> events) {
        ItemState state = null;
        for (WorkItemEvent event : events) {
            state = event.evolve(state);
        }
        return state;
    }
}
