package com.buildfactory.controlplane.application.readyourwrites;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.fold.FoldedReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Runs in the read-models processor beside the read models' handler and tells waiting readers once the batch that
 * applied an item's event has committed: before the commit, a reader would still read the old row (the batch writes
 * its rows when it prepares that commit).
 */
@ProcessingGroup(FoldedReadModels.PROCESSOR)
public class ItemPageWatch {

    private final ItemVersionWaits waits;

    public ItemPageWatch(ItemVersionWaits waits) {
        this.waits = waits;
    }

    @EventHandler
    void on(WorkItemEvent event) {
        String itemId = event.itemId();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> waits.applied(itemId));
        } else {
            waits.applied(itemId);
        }
    }
}
