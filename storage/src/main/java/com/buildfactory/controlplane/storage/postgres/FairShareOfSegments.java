package com.buildfactory.controlplane.storage.postgres;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Spreads every event processor's segments over the live nodes. Axon lets each node claim every segment it can and
 * never gives one back, so the first node would keep them all. Each node refreshes its row in
 * {@code control_plane_node} every interval; a node is live while its row is younger than the claim timeout. A node
 * holding more than its fair share (segments / live nodes, rounded up) releases the surplus for a few intervals,
 * long enough for a node with spare capacity to claim it. A node that leaves gracefully deletes its row and Axon
 * releases its claims; a killed node's claims pass after the claim timeout, and the others claim them.
 */
public class FairShareOfSegments implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FairShareOfSegments.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final String nodeId;
    private final Duration claimTimeout;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public FairShareOfSegments(JdbcTemplate jdbc, EventProcessingConfiguration processing, String nodeId,
                               Duration claimTimeout, Duration interval) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.nodeId = nodeId;
        this.claimTimeout = claimTimeout;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-fair-share");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::balanceQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            jdbc.update("DELETE FROM control_plane_node WHERE node_id = ?", nodeId);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Before Axon's processors stop (they stop in a later phase), so the row goes while the claims are released. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.warn("Balancing event processor segments failed; trying again in {}", interval, e);
        }
    }

    void balance() {
        jdbc.update("INSERT INTO control_plane_node (node_id, last_seen) VALUES (?, now())"
                + " ON CONFLICT (node_id) DO UPDATE SET last_seen = now()", nodeId);
        Integer live = jdbc.queryForObject("SELECT count(*) FROM control_plane_node"
                + " WHERE last_seen > now() - make_interval(secs => ?)", Integer.class, claimTimeout.toMillis() / 1000.0);
        int nodes = Math.max(1, live == null ? 1 : live);
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList()) {
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM TokenEntry WHERE processorName = ?",
                    Integer.class, processor.getName());
            if (segments == null || segments == 0) {
                continue;
            }
            int fairShare = (segments + nodes - 1) / nodes;
            List<Integer> mine = new ArrayList<>(processor.processingStatus().keySet());
            mine.sort(Comparator.reverseOrder());
            for (int surplus : mine.subList(Math.min(fairShare, mine.size()), mine.size())) {
                log.info("Releasing segment {} of {}: this node holds {} of {} with {} live nodes", surplus,
                        processor.getName(), mine.size(), segments, nodes);
                processor.releaseSegment(surplus, interval.toMillis() * 3, TimeUnit.MILLISECONDS);
            }
        }
    }
}
