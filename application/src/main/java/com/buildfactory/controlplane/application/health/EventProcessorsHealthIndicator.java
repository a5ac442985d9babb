package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.readside.ProcessorPositions;
import com.buildfactory.controlplane.storage.EventLog;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Every tracking processor must run without error; its lag is the events between its token and the log head. A
 * processor shut down for a bulk rebuild of its read model counts as running (reported as rebuilding): it is
 * started again when the rebuild is written.
 * <p>
 * After a start the read side is behind until every processor has reached the log head as it was when the store
 * opened: until then the status is {@link #BEHIND} (DEGRADED, the service serves, item pages say Stale) rather
 * than UP, so a restart after a crash does not look healthy while the read models still show older lanes.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    public static final Status BEHIND = new Status("DEGRADED", "The read side is catching up with the event log");

    private final EventProcessingConfiguration processing;
    private final EventLog eventLog;
    private final Predicate<String> rebuilding;
    private final LongSupplier headAtStart;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, EventLog eventLog,
                                         Predicate<String> rebuilding, LongSupplier headAtStart) {
        super("Event processors cannot be inspected");
        this.processing = processing;
        this.eventLog = eventLog;
        this.rebuilding = rebuilding;
        this.headAtStart = headAtStart;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = eventLog.head();
        long catchUpTo = headAtStart.getAsLong();
        boolean allRunning = true;
        boolean allCaughtUp = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (TrackingEventProcessor tracking : ProcessorPositions.trackingProcessors(processing)) {
            long position = ProcessorPositions.position(tracking);
            boolean rebuilt = rebuilding.test(tracking.getName());
            boolean running = rebuilt || tracking.isRunning() && !tracking.isError();
            boolean caughtUp = rebuilt || position >= catchUpTo;
            allRunning &= running;
            allCaughtUp &= caughtUp;
            details.put(tracking.getName(), rebuilt
                    ? Map.of("running", true, "rebuilding", true, "position", position, "lag", head - position)
                    : Map.of("running", running, "caughtUp", caughtUp, "position", position,
                            "lag", Math.max(0, head - position)));
        }
        Status status = !allRunning ? Status.DOWN : allCaughtUp ? Status.UP : BEHIND;
        builder.status(status).withDetails(details).withDetail("head", head).withDetail("headAtStart", catchUpTo);
    }
}
