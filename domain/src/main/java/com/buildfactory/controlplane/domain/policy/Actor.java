package com.buildfactory.controlplane.domain.policy;

import java.util.Set;

/** Who asks: a person or a bot, named, with the permissions of its token. */
public record Actor(String name, Set<String> permissions) {

    public Actor {
        permissions = Set.copyOf(permissions);
    }

    public boolean holds(String permission) {
        return permissions.contains(Permissions.ALL) || permissions.contains(permission);
    }
}
