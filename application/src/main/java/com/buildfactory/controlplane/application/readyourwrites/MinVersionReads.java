package com.buildfactory.controlplane.application.readyourwrites;

import com.buildfactory.controlplane.application.web.InvalidInput;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A read that asks for at least the version a command answered ({@code Min-Version: 7} or {@code ?minVersion=7}):
 * answered as soon as the item page holds it, or refused after {@code maxWait} with {@link NotVisibleYet}.
 */
public class MinVersionReads {

    public static final String HEADER = "Min-Version";
    public static final String PARAMETER = "minVersion";

    private final ItemVersionWaits waits;
    private final Duration maxWait;

    public MinVersionReads(ItemVersionWaits waits, Duration maxWait) {
        this.waits = waits;
        this.maxWait = maxWait;
    }

    /** The version asked for by header or parameter (they must agree), or empty when neither is sent. */
    public static OptionalLong requested(String header, String parameter) {
        OptionalLong fromHeader = parse(HEADER, header);
        OptionalLong fromParameter = parse(PARAMETER, parameter);
        if (fromHeader.isPresent() && fromParameter.isPresent()
                && fromHeader.getAsLong() != fromParameter.getAsLong()) {
            throw new InvalidInput(PARAMETER, "differs from the Min-Version header; send one of them");
        }
        return fromHeader.isPresent() ? fromHeader : fromParameter;
    }

    /**
     * Waits until {@code held} (the item page's version) reaches {@code minVersion}. {@code logVersion} is the item's
     * last version in the event log: a version beyond it was never given out, so it is refused at once.
     */
    public void await(String itemId, long minVersion, Supplier<OptionalLong> held, LongSupplier logVersion) {
        OptionalLong now = held.get();
        if (now.isPresent() && now.getAsLong() >= minVersion) {
            return;
        }
        long last = logVersion.getAsLong();
        if (minVersion > last) {
            throw new InvalidInput(PARAMETER, "is " + minVersion + ", past the item's last version " + last
                    + "; ask for a version an answer gave you (its Item-Version or ETag)");
        }
        OptionalLong reached;
        try {
            reached = waits.await(itemId, minVersion, maxWait, held);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reached = held.get();
        }
        if (reached.isEmpty() || reached.getAsLong() < minVersion) {
            throw new NotVisibleYet(itemId, minVersion, reached.orElse(-1), maxWait);
        }
    }

    private static OptionalLong parse(String name, String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String trimmed = text.trim().replace("\"", "");
        if (trimmed.matches("[0-9]{1,18}")) {
            return OptionalLong.of(Long.parseLong(trimmed));
        }
        throw new InvalidInput(name, "must be an item version (a whole number from 0), as Item-Version or the"
                + " ETag of an answer gave it");
    }

    /** The item page did not reach the version within the wait: answered 503 with Retry-After. */
    public static class NotVisibleYet extends RuntimeException {

        private final long minVersion;
        private final long heldVersion;

        NotVisibleYet(String itemId, long minVersion, long heldVersion, Duration waited) {
            super("The item page of " + itemId + " holds version " + heldVersion + ", not yet " + minVersion
                    + ", after waiting " + waited.toMillis() + " ms. The change is stored; retry the read shortly.",
                    null, false, false);
            this.minVersion = minVersion;
            this.heldVersion = heldVersion;
        }

        public long minVersion() {
            return minVersion;
        }

        public long heldVersion() {
            return heldVersion;
        }
    }
}
