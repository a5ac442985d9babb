package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.Scenarios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.stateIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever blocks an operation, the caller is told why, under which policy, what to do and whether to retry, in
 * words that name the operation. Runs over every operation, lane, actor and the item shapes that block gates.
 * The policy context of an action's gate names the action as the seed does ("Lane transition policy blocks Start
 * execution ..."); the item-open gate of plain edits names the edit in its cause and safe retry only.
 */
class BlockedGuidanceTest {

    private final ActionPolicy policy = new ActionPolicy();

    static Stream<Arguments> everyOperationOnEveryItemShapeForEveryKindOfActor() {
        List<Operation> operations = new ArrayList<>(List.of(ActionType.values()));
        operations.addAll(List.of(ItemEdit.UPDATE_DETAILS, ItemEdit.LINK_PULL_REQUEST, ItemEdit.MARK_DONE_CRITERION));
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : operations) {
            for (Lane lane : Lane.values()) {
                for (String shape : List.of("seed", "no pull request", "no criteria", "unmet criteria")) {
                    for (String actor : List.of("lead", "without permission", "without prompt context")) {
                        cases.add(Arguments.of(operation, lane, shape, actor));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1}, {2}, actor {3}")
    @MethodSource("everyOperationOnEveryItemShapeForEveryKindOfActor")
    void everyBlockedGateCarriesCompleteGuidanceNamingTheOperation(Operation operation, Lane lane, String shape,
                                                                   String actorKind) {
        ItemState item = switch (shape) {
            case "seed" -> Scenarios.seedStateIn(lane);
            case "no pull request" -> stateIn(lane, null, Scenarios.seedCriteria());
            case "no criteria" -> stateIn(lane, PR, List.of());
            default -> stateIn(lane, PR, Scenarios.criteria(4, false));
        };
        Actor actor = switch (actorKind) {
            case "lead" -> lead();
            case "without permission" -> without(operation.permission());
            default -> without(Permissions.VIEW_PROMPT_CONTEXT);
        };

        ActionAvailability availability = policy.evaluate(item, actor, operation);

        assertThat(availability.enabled()).isEqualTo(availability.blockedGates().isEmpty());
        assertThat(availability.guidance().isPresent()).isEqualTo(!availability.enabled());
        for (GateResult gate : availability.blockedGates()) {
            RecoveryGuidance guidance = gate.guidance();
            assertThat(gate.result()).isEqualTo("blocked");
            assertThat(guidance).as(gate.gate()).isNotNull();
            assertThat(gate.reason()).isEqualTo(guidance.cause());
            assertThat(List.of(guidance.cause(), guidance.policyContext(), guidance.nextStep(), guidance.safeRetry()))
                    .as(gate.gate()).allSatisfy(line -> assertThat(line).isNotBlank().endsWith("."));
            assertThat(guidance.cause() + " " + guidance.policyContext()).as(gate.gate())
                    .contains(operation.label());
            assertThat(guidance.safeRetry()).as(gate.gate()).contains(operation.label());
            if (operation instanceof ActionType) {
                assertThat(guidance.policyContext()).as(gate.gate()).contains(operation.label());
            }
        }
        for (GateResult gate : availability.gates()) {
            if (gate.passed()) {
                assertThat(gate.result()).isEqualTo("pass");
                assertThat(gate.reason()).isNull();
                assertThat(gate.guidance()).isNull();
            }
        }
    }
}
