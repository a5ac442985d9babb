package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.List;

/**
 * An attempt that a policy gate blocked. Kept in the item's own stream so that its history shows what was tried
 * and why it was refused; it changes nothing else. Attempts refused for a missing permission are not recorded.
 */
public record ActionBlocked(String itemId, String action, String actor, List<BlockedGate> gates)
        implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state;
    }
}
