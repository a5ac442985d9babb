package com.buildfactory.controlplane.application.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every tracking processor must run without error; its lag is the events between its token and the log head. A
 * processor shut down for a bulk rebuild of its read model counts as running (reported as rebuilding): it is
 * started again when the rebuild is written.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Predicate<String> rebuilding;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                         Predicate<String> rebuilding) {
        super("Event processors cannot be inspected");
        this.processing = processing;
        this.jdbc = jdbc;
        this.rebuilding = rebuilding;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalIndex), -1) FROM DomainEventEntry", Long.class);
        boolean allRunning = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof TrackingEventProcessor tracking)) {
                continue;
            }
            long position = tracking.processingStatus().values().stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
            boolean rebuilt = rebuilding.test(tracking.getName());
            boolean running = rebuilt || tracking.isRunning() && !tracking.isError();
            allRunning &= running;
            details.put(tracking.getName(), rebuilt
                    ? Map.of("running", true, "rebuilding", true, "position", position, "lag", head - position)
                    : Map.of("running", running, "position", position, "lag", Math.max(0, head - position)));
        }
        builder.status(allRunning ? "UP" : "DOWN").withDetails(details).withDetail("head", head);
    }
}
