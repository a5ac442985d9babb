package com.buildfactory.controlplane.domain.workitem;

public record DoneCriterion(String name, boolean met) {

    public DoneCriterion withMet(boolean newMet) {
        return new DoneCriterion(name, newMet);
    }
}
