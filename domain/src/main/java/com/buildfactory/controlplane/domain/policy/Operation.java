package com.buildfactory.controlplane.domain.policy;

import java.util.List;

/** Anything an actor can do to an item: a lane action or a plain edit. Each has a permission and its gates. */
public interface Operation {

    String identity();

    String label();

    String permission();

    List<Gate> gates();
}
