package com.buildfactory.controlplane.domain.workitem;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three truth signals and their vocabularies. Each value names the lanes it is consistent with; a value outside
 * those lanes is drift. Every signal also accepts the lane slugs, which is what a signal says when it merely follows
 * the lane (the seed's Done item shows status, state and source all "done").
 */
public enum TruthSignal {
    /** Reported by the execution runner. */
    STATUS("status", "the execution runner", vocabulary(
            "queued", EnumSet.of(Lane.IN_PROGRESS),
            "failed", EnumSet.of(Lane.IN_PROGRESS))),
    /** Reported by version control: the item's pull request. */
    STATE("state", "version control", vocabulary(
            "open", EnumSet.of(Lane.IN_PROGRESS, Lane.REVIEW),
            "merged", EnumSet.of(Lane.DONE),
            "closed", EnumSet.of(Lane.BACKLOG, Lane.READY, Lane.IN_PROGRESS))),
    /** The queue the item was last observed in. */
    SOURCE("source", "the queue observer", vocabulary(
            "execution", EnumSet.of(Lane.IN_PROGRESS)));

    private final String slug;
    private final String reporter;
    private final Map<String, Set<Lane>> lanesByValue;

    TruthSignal(String slug, String reporter, Map<String, Set<Lane>> lanesByValue) {
        this.slug = slug;
        this.reporter = reporter;
        this.lanesByValue = lanesByValue;
    }

    public String slug() {
        return slug;
    }

    public String reporter() {
        return reporter;
    }

    public List<String> vocabulary() {
        return List.copyOf(lanesByValue.keySet());
    }

    public boolean accepts(String value) {
        return value != null && lanesByValue.containsKey(value);
    }

    /** The lanes in which this value is consistent; empty for a value outside the vocabulary. */
    public Set<Lane> lanesFor(String value) {
        return value == null ? Set.of() : lanesByValue.getOrDefault(value, Set.of());
    }

    public boolean consistentWith(String value, Lane lane) {
        return lanesFor(value).contains(lane);
    }

    public String valueOf(TruthSignals signals) {
        return switch (this) {
            case STATUS -> signals.status();
            case STATE -> signals.state();
            case SOURCE -> signals.source();
        };
    }

    public static Optional<TruthSignal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(signal -> signal.slug.equals(wanted)).findFirst();
    }

    private static Map<String, Set<Lane>> vocabulary(Object... extra) {
        Map<String, Set<Lane>> values = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            values.put(lane.slug(), Collections.unmodifiableSet(EnumSet.of(lane)));
        }
        for (int i = 0; i < extra.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<Lane> lanes = (Set<Lane>) extra[i + 1];
            values.put((String) extra[i], Collections.unmodifiableSet(lanes));
        }
        return Collections.unmodifiableMap(values);
    }
}
