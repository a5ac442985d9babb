package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Operation;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;

/**
 * Permission checks, made before anything about an item is read. Actions and edits are checked again by the
 * domain policy inside the aggregate; checking here too keeps a 403 from revealing the item's state or existence.
 */
public final class Access {

    private Access() {
    }

    public static void require(Actor actor, String permission) {
        if (!actor.holds(permission)) {
            throw new PermissionMissing(actor, permission);
        }
    }

    /** An action or edit: refused with the permission gate's guidance before the item is looked up. */
    public static void require(Actor actor, Operation operation) {
        ActionPolicy.missingPermission(actor, operation).ifPresent(availability -> {
            throw new CommandRejected(CommandRejected.Reason.PERMISSION_MISSING,
                    availability.blockedGates().get(0).reason(), availability, -1);
        });
    }

    public static class PermissionMissing extends RuntimeException {

        private final String permission;

        PermissionMissing(Actor actor, String permission) {
            super("Actor " + actor.name() + " lacks permission " + permission + ".", null, false, false);
            this.permission = permission;
        }

        public String permission() {
            return permission;
        }
    }
}
