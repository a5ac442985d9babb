package com.buildfactory.controlplane.domain.truth;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.TruthSignals;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of every truth signal against every lane: consistent, resolved by one action, or resolvable by none.
 * The table is the specification; {@link #theTableCoversEverySignalValueInEveryLane()} keeps it complete.
 */
class DriftDetectorTest {

    private static final String TABLE = """
            status | backlog     | backlog     | consistent
            status | backlog     | ready       | none
            status | backlog     | in-progress | none
            status | backlog     | review      | none
            status | backlog     | done        | none
            status | ready       | backlog     | mark-ready
            status | ready       | ready       | consistent
            status | ready       | in-progress | none
            status | ready       | review      | none
            status | ready       | done        | none
            status | in-progress | backlog     | mark-ready
            status | in-progress | ready       | start-execution
            status | in-progress | in-progress | consistent
            status | in-progress | review      | request-changes
            status | in-progress | done        | none
            status | review      | backlog     | mark-ready
            status | review      | ready       | start-execution
            status | review      | in-progress | request-review
            status | review      | review      | consistent
            status | review      | done        | none
            status | done        | backlog     | mark-ready
            status | done        | ready       | start-execution
            status | done        | in-progress | request-review
            status | done        | review      | complete
            status | done        | done        | consistent
            status | queued      | backlog     | mark-ready
            status | queued      | ready       | start-execution
            status | queued      | in-progress | consistent
            status | queued      | review      | request-changes
            status | queued      | done        | none
            status | failed      | backlog     | mark-ready
            status | failed      | ready       | start-execution
            status | failed      | in-progress | consistent
            status | failed      | review      | request-changes
            status | failed      | done        | none
            state  | backlog     | backlog     | consistent
            state  | backlog     | ready       | none
            state  | backlog     | in-progress | none
            state  | backlog     | review      | none
            state  | backlog     | done        | none
            state  | ready       | backlog     | mark-ready
            state  | ready       | ready       | consistent
            state  | ready       | in-progress | none
            state  | ready       | review      | none
            state  | ready       | done        | none
            state  | in-progress | backlog     | mark-ready
            state  | in-progress | ready       | start-execution
            state  | in-progress | in-progress | consistent
            state  | in-progress | review      | request-changes
            state  | in-progress | done        | none
            state  | review      | backlog     | mark-ready
            state  | review      | ready       | start-execution
            state  | review      | in-progress | request-review
            state  | review      | review      | consistent
            state  | review      | done        | none
            state  | done        | backlog     | mark-ready
            state  | done        | ready       | start-execution
            state  | done        | in-progress | request-review
            state  | done        | review      | complete
            state  | done        | done        | consistent
            state  | open        | backlog     | mark-ready
            state  | open        | ready       | start-execution
            state  | open        | in-progress | consistent
            state  | open        | review      | consistent
            state  | open        | done        | none
            state  | merged      | backlog     | mark-ready
            state  | merged      | ready       | start-execution
            state  | merged      | in-progress | request-review
            state  | merged      | review      | complete
            state  | merged      | done        | consistent
            state  | closed      | backlog     | consistent
            state  | closed      | ready       | consistent
            state  | closed      | in-progress | consistent
            state  | closed      | review      | request-changes
            state  | closed      | done        | none
            source | backlog     | backlog     | consistent
            source | backlog     | ready       | none
            source | backlog     | in-progress | none
            source | backlog     | review      | none
            source | backlog     | done        | none
            source | ready       | backlog     | mark-ready
            source | ready       | ready       | consistent
            source | ready       | in-progress | none
            source | ready       | review      | none
            source | ready       | done        | none
            source | in-progress | backlog     | mark-ready
            source | in-progress | ready       | start-execution
            source | in-progress | in-progress | consistent
            source | in-progress | review      | request-changes
            source | in-progress | done        | none
            source | review      | backlog     | mark-ready
            source | review      | ready       | start-execution
            source | review      | in-progress | request-review
            source | review      | review      | consistent
            source | review      | done        | none
            source | done        | backlog     | mark-ready
            source | done        | ready       | start-execution
            source | done        | in-progress | request-review
            source | done        | review      | complete
            source | done        | done        | consistent
            source | execution   | backlog     | mark-ready
            source | execution   | ready       | start-execution
            source | execution   | in-progress | consistent
            source | execution   | review      | request-changes
            source | execution   | done        | none
            """;

    @ParameterizedTest(name = "{0} {1} while the lane is {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void eachSignalValueInEachLaneIsConsistentOrNamesItsResolution(String signal, String value, String lane,
                                                                   String expected) {
        ItemState item = item(Lane.parse(lane).orElseThrow(), TruthSignal.parse(signal).orElseThrow(), value);

        List<Drift> drifts = DriftDetector.detect(item);

        if (expected.equals("consistent")) {
            assertThat(drifts).isEmpty();
            return;
        }
        assertThat(drifts).hasSize(1);
        Drift drift = drifts.get(0);
        assertThat(drift.signal().slug()).isEqualTo(signal);
        assertThat(drift.value()).isEqualTo(value);
        assertThat(drift.summary()).isEqualTo(signal + " " + value + " while the lane is " + item.lane().label());
        if (expected.equals("none")) {
            assertThat(drift.resolvingAction()).isEmpty();
            assertThat(drift.guidance()).startsWith("None can:");
        } else {
            assertThat(drift.resolvingAction()).hasValueSatisfying(a -> assertThat(a.identity()).isEqualTo(expected));
            assertThat(drift.guidance()).startsWith("Reconcile applies ").contains("(" + expected + ")");
        }
    }

    @Test
    void theTableCoversEverySignalValueInEveryLane() {
        long rows = TABLE.lines().filter(line -> !line.isBlank()).count();
        long combinations = Arrays.stream(TruthSignal.values()).mapToLong(s -> s.vocabulary().size()).sum()
                * Lane.values().length;
        assertThat(rows).isEqualTo(combinations);
    }

    @Test
    void statusDoneWhileInReviewIsResolvedByComplete() {
        Drift drift = DriftDetector.detect(item(Lane.REVIEW, TruthSignal.STATUS, "done")).get(0);

        assertThat(drift.guidance()).isEqualTo("Reconcile applies Complete (complete): it moves the item from Review"
                + " to Done, as status done reports.");
    }

    @Test
    void pullRequestClosedUnmergedWhileDoneCanOnlyBeFollowedUp() {
        Drift drift = DriftDetector.detect(item(Lane.DONE, TruthSignal.STATE, "closed")).get(0);

        assertThat(drift.resolvingAction()).isEmpty();
        assertThat(drift.guidance()).isEqualTo("None can: Done items stay closed. Create a follow-up"
                + " (create-follow-up) if more delivery is needed instead of reopening this one.");
    }

    @Test
    void aConsistentItemNeedsNoReconciliation() {
        ItemState item = item(Lane.DONE, TruthSignal.STATUS, "done");

        assertThat(Reconciliation.of(item).consistent()).isTrue();
        assertThat(Reconciliation.of(item).guidance())
                .containsExactly("No reconciliation required; item truth signals are consistent.");
    }

    @Test
    void signalsAskingForDifferentActionsAreAConflictNotAResolution() {
        ItemState item = item(Lane.REVIEW, TruthSignal.STATUS, "done");
        item = item.withSignals(item.signals().with(TruthSignal.STATE, "closed"));

        Reconciliation reconciliation = Reconciliation.of(item);

        assertThat(reconciliation.resolvingAction()).isEmpty();
        assertThat(reconciliation.conflicting()).extracting(a -> a.identity())
                .containsExactly("complete", "request-changes");
        assertThat(reconciliation.guidance()).hasSize(3);
    }

    @Test
    void aLaneMoveKeepsADriftingSignalAndRealignsTheOthers() {
        ItemState item = item(Lane.IN_PROGRESS, TruthSignal.STATUS, "done");

        ItemState moved = item.movedTo(Lane.REVIEW);

        assertThat(moved.signals()).isEqualTo(new TruthSignals("done", "review", "review"));
        assertThat(DriftDetector.detect(moved)).extracting(d -> d.resolvingAction().orElseThrow().identity())
                .containsExactly("complete");
        assertThat(DriftDetector.detect(moved.movedTo(Lane.DONE))).isEmpty();
    }

    static ItemState item(Lane lane, TruthSignal signal, String value) {
        ItemState item = new ItemState("wi-BF-1", "BF-1", "Item", null, WorkType.FEATURE, null, null, null,
                List.of(), null, lane, null, null, List.of(), null);
        return item.withSignals(item.signals().with(signal, value));
    }
}
