package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.web.ItemPageView.ActionView;
import com.buildfactory.controlplane.application.web.ItemPageView.GateView;
import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.GateResult;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.truth.Drift;
import com.buildfactory.controlplane.domain.truth.Reconciliation;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.projections.queuetruth.Freshness;

import java.util.List;
import java.util.stream.Collectors;

/** Renders an item's state into its page for one actor, with actions evaluated by the domain's policy. */
public class ItemPageRenderer {

    public static final String ITEMS_PATH = "/api/control-plane/items/";

    private final ActionPolicy policy;

    public ItemPageRenderer(ActionPolicy policy) {
        this.policy = policy;
    }

    /** A page rendered from the write model (the aggregate right after a command): current by definition. */
    public ItemPageView render(ItemState item, long version, Actor actor) {
        return render(item, version, actor, Freshness.current(version));
    }

    public ItemPageView render(ItemState item, long version, Actor actor, Freshness freshness) {
        return new ItemPageView(
                item.id(),
                item.key(),
                item.lane().label() + " Work Item",
                item.title(),
                item.description(),
                new ItemPageView.ExecutionContext(item.id(), item.branch(), item.validationCommand(),
                        item.pullRequest() == null ? null : new ItemPageView.PullRequestView(
                                item.pullRequest().url(), item.pullRequest().state().slug())),
                new ItemPageView.Lifecycle(item.lane().label(), item.workType().slug(), item.signals().source(),
                        item.signals().status(), item.signals().state(),
                        new ItemPageView.DoneCriteria(item.doneCriteria().size(), item.doneCriteriaMet(),
                                item.doneCriteria())),
                queueTruth(item, freshness),
                promptContext(item.promptContext(), actor),
                policy.evaluateActions(item, actor).stream().map(a -> action(item, a)).toList(),
                item.followUpOf(),
                item.followUps(),
                item.lastReleasePreparation(),
                version,
                null,
                null);
    }

    static ItemPageView.QueueTruthView queueTruth(ItemState item, Freshness freshness) {
        Reconciliation reconciliation = Reconciliation.of(item);
        List<ItemPageView.DriftView> drifts = reconciliation.drifts().stream().map(ItemPageRenderer::drift).toList();
        String drift = drifts.isEmpty() ? "none."
                : drifts.stream().map(ItemPageView.DriftView::summary).collect(Collectors.joining("; ")) + ".";
        return new ItemPageView.QueueTruthView(
                new ItemPageView.FreshnessView(freshness.fresh() ? "Fresh" : "Stale",
                        freshness.snapshotAge().toSeconds(), freshness.eventsBehind(), freshness.text()),
                drift, drifts, reconciliation.guidance());
    }

    static ItemPageView.DriftView drift(Drift drift) {
        return new ItemPageView.DriftView(drift.signal().slug(), drift.value(), drift.lane().label(),
                drift.summary(), drift.resolvingAction().map(ActionType::identity).orElse(null), drift.guidance());
    }

    /** The prompt context is only shown to actors who may see it; others see that it exists. */
    private static ItemPageView.PromptContextView promptContext(PromptContext context, Actor actor) {
        if (context == null) {
            return null;
        }
        boolean visible = actor.holds(Permissions.VIEW_PROMPT_CONTEXT);
        return new ItemPageView.PromptContextView(context.path(), visible ? context.text() : null, !visible);
    }

    private static ActionView action(ItemState item, ActionAvailability availability) {
        ActionType action = (ActionType) availability.operation();
        return new ActionView(action.identity(), action.label(), action.description(), availability.enabled(),
                availability.alreadyDone(), action.permission(),
                availability.gates().stream().map(ItemPageRenderer::gate).toList(),
                availability.guidance().orElse(null),
                "POST", actionPath(item.id(), action));
    }

    static GateView gate(GateResult gate) {
        return new GateView(gate.gate(), gate.result(), gate.reason());
    }

    public static String actionPath(String itemId, ActionType action) {
        return ITEMS_PATH + itemId + "/actions/" + action.identity();
    }
}
