package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.workitem.ItemState;

/** What a command did, with the item as it is afterwards and its version (the sequence number of its last event). */
public record ActionOutcome(Result result, ActionAvailability availability, ItemState item, long version,
                            String createdItemId) {

    public enum Result {
        APPLIED, ALREADY_DONE, BLOCKED
    }
}
