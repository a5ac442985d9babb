package com.buildfactory.controlplane.domain.workitem;

import java.util.List;

/** The result of the release-preparation checks: ready only when every check passed. */
public record ReleasePreparation(boolean ready, List<ReleaseCheck> checks) {

    public ReleasePreparation {
        checks = List.copyOf(checks);
    }

    public static ReleasePreparation of(List<ReleaseCheck> checks) {
        return new ReleasePreparation(checks.stream().allMatch(ReleaseCheck::passed), checks);
    }
}
