package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open streams of the log. Each follows the event store with Axon's own tracking stream (the one the processors
 * read), which the store wakes when a command commits in this process, so an event reaches a subscriber within
 * milliseconds. A stream ends when the client goes away (a failed write, at the latest at the next heartbeat) or
 * the service stops.
 */
public class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final EventStore eventStore;
    private final ItemTimeline timeline;
    private final ObjectMapper mapper;
    private final FeedProperties properties;
    private final Semaphore slots;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private volatile boolean stopping;

    public ChangeFeed(EventStore eventStore, ItemTimeline timeline, ObjectMapper mapper, FeedProperties properties) {
        this.eventStore = eventStore;
        this.timeline = timeline;
        this.mapper = mapper;
        this.properties = properties;
        this.slots = new Semaphore(properties.maxStreams());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "change-feed-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public long head() {
        return timeline.head();
    }

    /** A new stream after {@code after} (a log position; null for "from now"), or empty when the cap is reached. */
    public Optional<SseEmitter> open(Long after, FeedFilter filter) {
        if (stopping || !slots.tryAcquire()) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(0L);
        open.add(emitter);
        try {
            TrackingToken token = after == null ? eventStore.createHeadToken()
                    : GapAwareTrackingToken.newInstance(after, Collections.emptySortedSet());
            BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token);
            threads.execute(() -> follow(emitter, stream, filter));
        } catch (RuntimeException e) {
            release(emitter);
            throw e;
        }
        return Optional.of(emitter);
    }

    private void follow(SseEmitter emitter, BlockingStream<TrackedEventMessage<?>> stream, FeedFilter filter) {
        ItemLanes lanes = new ItemLanes(timeline);
        try (stream) {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(1000));
            long heartbeatMillis = properties.heartbeat().toMillis();
            while (!stopping) {
                if (!stream.hasNextAvailable((int) heartbeatMillis, TimeUnit.MILLISECONDS)) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (message.getPayload() instanceof WorkItemEvent event) {
                    long position = message.trackingToken().position().orElseThrow();
                    ItemState[] around = lanes.around(event, position);
                    if (filter.shows(event.itemId(), around[0] == null ? null : around[0].lane(), around[1].lane())) {
                        emitter.send(SseEmitter.event().id(Long.toString(position))
                                .name(event.getClass().getSimpleName())
                                .data(view(message, event, position, around), MediaType.APPLICATION_JSON));
                    }
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to tell it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("A change feed stream failed", e);
            emitter.completeWithError(e);
        } finally {
            release(emitter);
        }
    }

    private FeedEvent view(TrackedEventMessage<?> message, WorkItemEvent event, long position, ItemState[] around) {
        long sequence = message instanceof DomainEventMessage<?> domain
                ? domain.getSequenceNumber() : -1;
        Object actor = message.getMetaData().get(ItemTimeline.ACTOR);
        return new FeedEvent(position, message.getIdentifier(), event.itemId(), sequence,
                event.getClass().getSimpleName(), message.getTimestamp(), actor == null ? null : actor.toString(),
                around[0] == null ? null : around[0].lane().label(), around[1].lane().label(),
                mapper.valueToTree(event));
    }

    private void release(SseEmitter emitter) {
        if (open.remove(emitter)) {
            slots.release();
        }
    }

    public int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        stopping = false;
    }

    /**
     * First thing on shutdown, before the web server's graceful wait (which would otherwise wait for every open
     * stream): each stream ends cleanly, and clients reconnect to the next instance with their last id.
     */
    @Override
    public void stop() {
        stopping = true;
        for (SseEmitter emitter : open) {
            emitter.complete();
        }
        threads.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return !stopping && !threads.isShutdown();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
