package com.buildfactory.controlplane.application.readyourwrites;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.itempage.ItemPageProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Runs in the item-page processor beside the projection and tells waiting readers once the batch that applied an
 * item's event has committed: before the commit, a reader would still read the old row.
 */
@ProcessingGroup(ItemPageProjection.PROCESSING_GROUP)
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
