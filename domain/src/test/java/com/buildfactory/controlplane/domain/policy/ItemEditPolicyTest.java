package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.Lane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.blockedResult;
import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.passedResult;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.RESTRICTED;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedStateIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;

/** Plain edits: the same permission rule as actions, and a Done item stays closed to them. */
class ItemEditPolicyTest {

    private static final Map<ItemEdit, String> DOCUMENTED_PERMISSION = Map.of(
            ItemEdit.CREATE, "factory.work-item.create",
            ItemEdit.UPDATE_DETAILS, "factory.work-item.update",
            ItemEdit.LINK_PULL_REQUEST, "factory.work-item.link-pull-request",
            ItemEdit.MARK_DONE_CRITERION, "factory.work-item.update");

    private final ActionPolicy policy = new ActionPolicy();

    static Stream<Arguments> everyEditOfAnExistingItemInEveryLaneWithAndWithoutPermission() {
        List<Arguments> cases = new ArrayList<>();
        for (ItemEdit edit : List.of(ItemEdit.UPDATE_DETAILS, ItemEdit.LINK_PULL_REQUEST,
                ItemEdit.MARK_DONE_CRITERION)) {
            for (Lane lane : Lane.values()) {
                cases.add(Arguments.of(edit, lane, true));
                cases.add(Arguments.of(edit, lane, false));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on an item in {1}, permission held: {2}")
    @MethodSource("everyEditOfAnExistingItemInEveryLaneWithAndWithoutPermission")
    void editsPassOnOpenItemsAndAreBlockedOnDoneItems(ItemEdit edit, Lane lane, boolean permissionHeld) {
        String permission = DOCUMENTED_PERMISSION.get(edit);
        Actor actor = permissionHeld ? lead() : without(permission);

        ActionAvailability availability = policy.evaluate(seedStateIn(lane), actor, edit);

        List<GateResult> expected = new ArrayList<>();
        if (!permissionHeld) {
            expected.add(blockedResult("permission",
                    DocumentedGuidance.permissionMissing(RESTRICTED, permission, edit.label())));
        }
        expected.add(lane == Lane.DONE
                ? blockedResult("item-open", DocumentedGuidance.itemClosed(edit.label()))
                : passedResult("item-open"));

        assertThat(edit.permission()).isEqualTo(permission);
        assertThat(availability.gates()).containsExactlyElementsOf(expected);
        assertThat(availability.enabled()).isEqualTo(permissionHeld && lane != Lane.DONE);
        assertThat(availability.alreadyDone()).isFalse();
        assertThat(availability.permissionMissing()).isEqualTo(!permissionHeld);
    }

    @Test
    void createNeedsOnlyTheCreatePermission() {
        ActionAvailability allowed = policy.evaluate(null, lead(), ItemEdit.CREATE);
        ActionAvailability refused = policy.evaluate(null, without(Permissions.CREATE), ItemEdit.CREATE);

        assertThat(allowed.enabled()).isTrue();
        assertThat(allowed.gates()).isEmpty();
        assertThat(refused.enabled()).isFalse();
        assertThat(refused.permissionMissing()).isTrue();
        assertThat(refused.gates()).containsExactly(blockedResult("permission",
                DocumentedGuidance.permissionMissing(RESTRICTED, "factory.work-item.create", "Create")));
    }
}
