package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import com.buildfactory.controlplane.projections.support.RowBatch;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.LogEntry;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Rebuilds the read models of one processor from the log without the processor, which must be shut down. The log
 * is read with one SELECT, which in SQLite is one read snapshot; the head is read by the same statement, so the
 * rebuild holds exactly the events up to it. Rows come in item order (the (aggregate, sequence) index), so one item
 * is folded in memory at a time, by the same {@link ItemFold} and row rules as the processor's batches, and written
 * once: memory is one item plus one chunk of rows, whatever the size of the log.
 *
 * <p>The rows are written in chunks, each in its own transaction through the SQLite write queue, so commands wait
 * for one chunk at most. The first chunk clears the tables and sets the processor's token to the start of the log;
 * the last one stores the token at the head. At every commit the token and the tables agree: a processor started
 * from the start skips the items already written (each item page row is at its item's last version, and an
 * item's rows all go into one chunk), and one started at the head continues with the first event the snapshot did
 * not hold. Below the head there is nothing left to come: SQLite has one writer and appends above the highest
 * committed index, so a missing index there is a permanent gap.
 */
public class BulkRebuild {

    private static final Logger log = LoggerFactory.getLogger(BulkRebuild.class);

    /** Rows per write transaction: ~20-50 ms of inserts, the longest a command waits behind a rebuild. */
    static final int CHUNK_ROWS = 1000;

    private final EventLog eventLog;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final TokenStore tokenStore;
    private final Serializer serializer;
    private final Map<String, ReadModelRebuild> rebuilds;
    private volatile Runnable afterSnapshot = () -> {
    };

    public BulkRebuild(EventLog eventLog, JdbcTemplate jdbc, TransactionManager transactions,
                       TokenStore tokenStore, Serializer eventSerializer, List<ReadModelRebuild> rebuilds) {
        this.eventLog = eventLog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokenStore = tokenStore;
        this.serializer = eventSerializer;
        this.rebuilds = rebuilds.stream()
                .collect(Collectors.toUnmodifiableMap(ReadModelRebuild::processingGroup, Function.identity()));
    }

    public boolean supports(String processor) {
        return rebuilds.containsKey(processor);
    }

    /** For tests: runs once the read snapshot is taken, before anything is written. */
    public void afterSnapshot(Runnable hook) {
        this.afterSnapshot = hook;
    }

    /**
     * Rebuilds the read model of a shut-down processor and stores its token at the snapshot's head; returns that
     * head. {@code progress} hears the number of events folded so far; {@code beforeFirstWrite} returns once the
     * processor has stopped (the log may be read before).
     */
    public long rebuild(String processor, LongConsumer progress, Runnable beforeFirstWrite) {
        ReadModelRebuild rebuild = Optional.ofNullable(rebuilds.get(processor))
                .orElseThrow(() -> new IllegalArgumentException("No bulk rebuild for " + processor));
        Writer writer = new Writer(rebuild, beforeFirstWrite);
        long start = System.nanoTime();
        Scan scan = new Scan(rebuild, writer, progress);
        eventLog.readAllByItem(scan::atHead, scan::fold);
        scan.finishItem();
        long head = scan.head;
        writer.finish(head);
        long total = System.nanoTime() - start;
        log.info("Rebuilt {} from {} events up to position {} in {} ms: {} ms waiting for the processor"
                        + " to stop, {} ms writing, the rest reading and folding", processor, scan.events, head,
                total / 1_000_000, writer.stopWaitNanos / 1_000_000, writer.writeNanos / 1_000_000);
        return head;
    }

    /** Folds the log's events, one item at a time, and hands each finished item to the writer. */
    private final class Scan {
        private final ReadModelRebuild rebuild;
        private final Writer writer;
        private final LongConsumer progress;
        private long head;
        private long events;
        private String itemId;
        private ItemFold item;

        Scan(ReadModelRebuild rebuild, Writer writer, LongConsumer progress) {
            this.rebuild = rebuild;
            this.writer = writer;
            this.progress = progress;
        }

        void atHead(long head) {
            this.head = head;
            afterSnapshot.run();
        }

        void fold(LogEntry entry) {
            String aggregate = entry.aggregateIdentifier();
            if (!aggregate.equals(itemId)) {
                finishItem();
                itemId = aggregate;
                item = rebuild.newItem();
            }
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(entry.payload(), byte[].class,
                    entry.payloadType(), entry.payloadRevision()));
            // Other payloads (another aggregate's, a type no longer known) are skipped, as the processor does.
            if (payload instanceof WorkItemEvent event) {
                if (!event.itemId().equals(aggregate)) {
                    throw new IllegalStateException("Event " + entry.position() + " of " + aggregate
                            + " names item " + event.itemId() + "; a fold per stream would misplace it");
                }
                item.apply(new StoredEvent(event, entry.sequenceNumber(), entry.position(), entry.timeStamp(),
                        entry.metaData()));
            }
            if (++events % CHUNK_ROWS == 0) {
                progress.accept(Math.min(events, head));
            }
        }

        void finishItem() {
            if (item != null) {
                writer.add(item);
                item = null;
            }
        }
    }

    /** Writes chunks of rows; the first clears the tables and rewinds the token, the last sets it at the head. */
    private final class Writer {
        private final ReadModelRebuild rebuild;
        private final RowBatch rows = new RowBatch();
        private final Runnable beforeFirstWrite;
        private boolean cleared;
        private long stopWaitNanos;
        private long writeNanos;

        Writer(ReadModelRebuild rebuild, Runnable beforeFirstWrite) {
            this.rebuild = rebuild;
            this.beforeFirstWrite = beforeFirstWrite;
        }

        void add(ItemFold item) {
            item.writeTo(rows);
            if (rows.size() >= CHUNK_ROWS) {
                awaitStopped();
                long start = System.nanoTime();
                transactions.executeInTransaction(this::writeChunk);
                writeNanos += System.nanoTime() - start;
            }
        }

        private void awaitStopped() {
            if (!cleared) {
                long start = System.nanoTime();
                beforeFirstWrite.run();
                stopWaitNanos = System.nanoTime() - start;
            }
        }

        void finish(long head) {
            awaitStopped();
            // GapAwareTrackingToken is what this processor tracks with on the JDBC event store; no gaps: see above.
            TrackingToken atHead = head == 0 ? null : GapAwareTrackingToken.newInstance(head, Collections.emptySet());
            long start = System.nanoTime();
            transactions.executeInTransaction(() -> {
                writeChunk();
                storeToken(atHead);
            });
            writeNanos += System.nanoTime() - start;
        }

        private void writeChunk() {
            if (!cleared) {
                rebuild.clearStatements().forEach(jdbc::update);
                storeToken(null);
                cleared = true;
            }
            rows.flush(jdbc);
        }

        private void storeToken(TrackingToken token) {
            String name = rebuild.processingGroup();
            if (tokenStore.fetchSegments(name).length == 0) {
                // A processor that never started: one segment, as every processor here has.
                tokenStore.initializeTokenSegments(name, 1);
            }
            for (int segment : tokenStore.fetchSegments(name)) {
                tokenStore.storeToken(token, name, segment);
                tokenStore.releaseClaim(name, segment);
            }
        }
    }

    /** An event read by the rebuild; its time and actor are parsed only when a fold asks for them. */
    private final class StoredEvent implements LoggedEvent {
        private final WorkItemEvent event;
        private final long sequenceNumber;
        private final long position;
        private final String timestamp;
        private final byte[] metaData;
        private Instant at;

        StoredEvent(WorkItemEvent event, long sequenceNumber, long position, String timestamp, byte[] metaData) {
            this.event = event;
            this.sequenceNumber = sequenceNumber;
            this.position = position;
            this.timestamp = timestamp;
            this.metaData = metaData;
        }

        @Override
        public WorkItemEvent event() {
            return event;
        }

        @Override
        public long sequenceNumber() {
            return sequenceNumber;
        }

        @Override
        public long position() {
            return position;
        }

        /** Parsed as Axon parses the stored timestamp for {@code @Timestamp}. */
        @Override
        public Instant at() {
            if (at == null) {
                at = DateTimeUtils.parseInstant(timestamp);
            }
            return at;
        }

        @Override
        public String actor() {
            if (metaData == null) {
                return null;
            }
            MetaData values = serializer.deserialize(new SerializedMetaData<>(metaData, byte[].class));
            Object actor = values.get("actor");
            return actor == null ? null : actor.toString();
        }
    }
}
