package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/**
 * An event of one work item. Each event knows how it changes the item's state, so the aggregate and every read
 * model evolve the state the same way. Stored events never change shape: add a new event instead.
 */
public sealed interface WorkItemEvent permits WorkItemCreated, WorkItemDetailsUpdated, DoneCriteriaRevised,
        PullRequestLinked, DoneCriterionMarked, MarkedReady, ExecutionStarted, ReviewRequested, ChangesRequested,
        WorkItemCompleted, ReleasePrepared, HistoryRecorded, FollowUpCreated, ActionBlocked, TruthSignalReported,
        DriftReconciled {

    String itemId();

    ItemState evolve(ItemState state);
}
