package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.history.TimelineEvent;
import com.buildfactory.controlplane.projections.queuetruth.Freshness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Item pages rebuilt from the event log: as of a past time or position, or now when the read model lags. */
public class TimeTravel {

    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

    private final ItemTimeline timeline;
    private final ItemPageRenderer renderer;
    private final Clock clock;

    public TimeTravel(ItemTimeline timeline, ItemPageRenderer renderer, Clock clock) {
        this.timeline = timeline;
        this.renderer = renderer;
        this.clock = clock;
    }

    public ItemPageView page(String itemId, String asOf, Actor actor) {
        String text = asOf.trim();
        Optional<TimelineEvent> then;
        if (POSITION.matcher(text).matches()) {
            long position = Long.parseLong(text);
            long head = timeline.head();
            if (position > head) {
                throw new InvalidInput("asOf", "names event position " + position + ", past the log's last"
                        + " position " + head);
            }
            then = timeline.asOfPosition(itemId, position);
        } else {
            Instant time = parseTime(text);
            if (time.isAfter(clock.instant())) {
                throw new InvalidInput("asOf", "lies in the future; time travel only goes back");
            }
            then = timeline.asOfTime(itemId, time);
        }
        TimelineEvent last = then.orElseThrow(() -> new NotFound("Work item " + itemId + " did not exist as of "
                + text + " (or does not exist at all)."));
        return renderer.render(last.after(), last.sequenceNumber(), actor, Freshness.current(last.sequenceNumber()))
                .asHistorical(new ItemPageView.Historical(text, last.position(), last.at()));
    }

    /** The current page rebuilt from the log, for an item the read model does not hold yet: Stale by definition. */
    public Optional<ItemPageView> unprojected(String itemId, Actor actor) {
        return timeline.current(itemId).map(last -> {
            Instant first = timeline.events(itemId).get(0).at();
            Duration age = Duration.between(first, clock.instant());
            return renderer.render(last.after(), last.sequenceNumber(), actor,
                    new Freshness(-1, last.sequenceNumber(), age.isNegative() ? Duration.ZERO : age));
        });
    }

    private static Instant parseTime(String text) {
        return SaneTimes.parse("asOf", text, "must be an ISO-8601 time with offset (2026-11-28T09:00:00Z) or an"
                + " event position (a whole number, as the audit stream and history show)");
    }
}
