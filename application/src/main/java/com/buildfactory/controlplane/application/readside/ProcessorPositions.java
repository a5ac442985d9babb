package com.buildfactory.controlplane.application.readside;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;

import java.util.List;

/** Where each tracking processor stands in the log: the lowest position of its segments, -1 before its first claim. */
public final class ProcessorPositions {

    private ProcessorPositions() {
    }

    public static List<TrackingEventProcessor> trackingProcessors(EventProcessingConfiguration processing) {
        return processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast).toList();
    }

    public static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
    }

    /** Whether every processor has reached {@code head}, the log head recorded when the store opened. */
    public static boolean allReached(EventProcessingConfiguration processing, long head) {
        return trackingProcessors(processing).stream().allMatch(processor -> position(processor) >= head);
    }
}
