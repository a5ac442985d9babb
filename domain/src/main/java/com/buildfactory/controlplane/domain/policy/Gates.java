package com.buildfactory.controlplane.domain.policy;

/** The gates of the control plane, one instance each. */
public final class Gates {

    public static final Gate PERMISSION = new PermissionGate();
    public static final Gate LANE_TRANSITION = new LaneTransitionGate();
    public static final Gate DONE_CRITERIA = new DoneCriteriaGate();
    public static final Gate LANE_ELIGIBILITY = new LaneEligibilityGate();
    public static final Gate PULL_REQUEST = new PullRequestGate();
    public static final Gate CONTEXT_VISIBILITY = new ContextVisibilityGate();
    public static final Gate ITEM_OPEN = new ItemOpenGate();
    public static final Gate DRIFT_RESOLVABLE = new DriftResolvableGate();

    private Gates() {
    }
}
