package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** A policy gate: passes or blocks one operation on one item for one actor. */
public interface Gate {

    String name();

    GateResult evaluate(ItemState item, Operation operation, Actor actor);
}
