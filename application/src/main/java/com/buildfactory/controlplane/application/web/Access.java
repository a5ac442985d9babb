package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.Actor;

/** Permission checks for reads and admin endpoints; actions and edits are checked by the domain policy. */
public final class Access {

    private Access() {
    }

    public static void require(Actor actor, String permission) {
        if (!actor.holds(permission)) {
            throw new PermissionMissing(actor, permission);
        }
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
