package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.truth.Reconciliation;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.projections.board.BoardQueries;
import com.buildfactory.controlplane.projections.history.HistorySnapshot;
import com.buildfactory.controlplane.projections.history.HistorySnapshotQueries;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.history.TimelineEvent;
import com.buildfactory.controlplane.projections.queuetruth.DriftedItem;
import com.buildfactory.controlplane.projections.queuetruth.Freshness;
import com.buildfactory.controlplane.projections.queuetruth.QueueTruthQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's and auditor's read side: drift across all items, the board, the execution queue, and each item's
 * history with its recorded snapshots. Each needs factory.work-item.read.
 */
@RestController
public class ReadSideController {

    private static final int LIMIT_DEFAULT = 100;
    private static final int LIMIT_MAX = 1000;

    private final QueueTruthQueries queueTruth;
    private final BoardQueries board;
    private final ItemTimeline timeline;
    private final HistorySnapshotQueries snapshots;
    private final ItemPageRenderer renderer;
    private final Clock clock;

    public ReadSideController(QueueTruthQueries queueTruth, BoardQueries board, ItemTimeline timeline,
                              HistorySnapshotQueries snapshots, ItemPageRenderer renderer, Clock clock) {
        this.queueTruth = queueTruth;
        this.board = board;
        this.timeline = timeline;
        this.snapshots = snapshots;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** Every drifted item, oldest drift first, with its drifts and the reconciliation guidance; cursor paging. */
    @Operation(summary = "List drifted items", description = "Oldest drift first, with drifts and guidance.")
    @GetMapping("/api/control-plane/drift")
    public DriftListView drift(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit) {
        Access.require(actor, Permissions.READ);
        int size = QueryParams.limit(limit, LIMIT_DEFAULT, LIMIT_MAX);
        List<DriftedItem> page = queueTruth.drifted(DriftCursor.decode(cursor), size + 1);
        boolean more = page.size() > size;
        List<DriftedItem> shown = more ? page.subList(0, size) : page;
        List<DriftListView.DriftedItemView> items = shown.stream().map(item -> {
            Reconciliation reconciliation = Reconciliation.of(item.state());
            return new DriftListView.DriftedItemView(item.state().id(), item.state().key(), item.state().title(),
                    item.state().lane().label(), item.driftSince(), item.driftPosition(),
                    reconciliation.drifts().stream().map(ItemPageRenderer::drift).toList(),
                    reconciliation.guidance());
        }).toList();
        return new DriftListView(queueTruth.driftedCount(), items,
                more ? DriftCursor.encode(shown.get(shown.size() - 1)) : null);
    }

    /** Items per lane with counts; {@code workType} filters; at most {@code limit} items shown per lane. */
    @Operation(summary = "Read the board", description = "The five lanes with counts and items.")
    @GetMapping("/api/control-plane/board")
    public BoardView board(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                           @RequestParam(required = false) String workType,
                           @RequestParam(required = false) Integer limit) {
        Access.require(actor, Permissions.READ);
        WorkType type = QueryParams.workType(workType);
        int size = QueryParams.limit(limit, LIMIT_DEFAULT, LIMIT_MAX);
        List<BoardView.LaneView> lanes = board.board(type, size).values().stream()
                .map(column -> new BoardView.LaneView(column.lane().label(), column.count(),
                        column.items().stream().map(ReadSideController::card).toList()))
                .toList();
        return new BoardView(type == null ? null : type.slug(), lanes.stream().mapToLong(BoardView.LaneView::count)
                .sum(), lanes);
    }

    /** The execution queue start-execution hands off to, in hand-off order, with each item's reported status. */
    @Operation(summary = "Read the execution queue", description = "In hand-off order, with reported status.")
    @GetMapping("/api/control-plane/queue")
    public QueueView queue(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                           @RequestParam(required = false) Integer limit) {
        Access.require(actor, Permissions.READ);
        List<BoardQueries.QueuedItem> queued = board.queue(QueryParams.limit(limit, LIMIT_DEFAULT, LIMIT_MAX));
        List<QueueView.QueuedView> items = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            BoardQueries.QueuedItem item = queued.get(i);
            items.add(new QueueView.QueuedView(i + 1, item.state().id(), item.state().key(), item.state().title(),
                    item.state().lane().label(), item.state().signals().status(), item.queuedAt(),
                    item.queuedPosition()));
        }
        return new QueueView(board.queueLength(), items);
    }

    /** Every event of the item, oldest first, a page at a time; and the time it spent in each lane. */
    @Operation(summary = "Read an item's history", description = "Every event from the log, oldest first, and"
            + " the time spent in each lane.")
    @GetMapping("/api/control-plane/items/{id}/history")
    public HistoryView history(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                               @PathVariable String id,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit) {
        Access.require(actor, Permissions.READ);
        String itemId = ItemsController.knownId(id);
        long after = HistoryCursor.decode(cursor, itemId);
        int size = QueryParams.limit(limit, LIMIT_DEFAULT, LIMIT_MAX);
        List<TimelineEvent> events = timeline.events(itemId);
        if (events.isEmpty()) {
            throw ItemsController.unknownItem(id);
        }
        List<TimelineEvent> page = events.stream().filter(e -> e.sequenceNumber() > after).limit(size).toList();
        boolean more = !page.isEmpty() && page.get(page.size() - 1).sequenceNumber()
                < events.get(events.size() - 1).sequenceNumber();
        return new HistoryView(itemId, events.size(), page.stream().map(e -> HistoryEntries.entry(e, actor)).toList(),
                HistoryEntries.timeInLanes(events, clock.instant()),
                more ? HistoryCursor.encode(itemId, page.get(page.size() - 1).sequenceNumber()) : null);
    }

    @Operation(summary = "List an item's history snapshots")
    @GetMapping("/api/control-plane/items/{id}/history/snapshots")
    public SnapshotListView snapshots(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                      @PathVariable String id) {
        Access.require(actor, Permissions.READ);
        String itemId = ItemsController.knownId(id);
        List<SnapshotListView.SnapshotRef> refs = snapshots.list(itemId).stream()
                .map(s -> new SnapshotListView.SnapshotRef(s.version(), s.position(), s.recordedAt(), s.actor(),
                        s.note(), snapshotPath(itemId, s.version())))
                .toList();
        if (refs.isEmpty() && timeline.events(itemId).isEmpty()) {
            throw ItemsController.unknownItem(id);
        }
        return new SnapshotListView(itemId, refs);
    }

    /** One recorded snapshot: the full page as it was at the recording, marked historical. */
    @Operation(summary = "Read one history snapshot", description = "The page as it was when recorded.")
    @GetMapping("/api/control-plane/items/{id}/history/snapshots/{version}")
    public SnapshotView snapshot(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                 @PathVariable String id, @PathVariable String version) {
        Access.require(actor, Permissions.READ);
        String itemId = ItemsController.knownId(id);
        long number;
        try {
            number = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new NotFound("No history snapshot " + version + " of " + itemId + "; snapshots are named by the"
                    + " version they were recorded at.");
        }
        HistorySnapshot snapshot = snapshots.find(itemId, number).orElseThrow(() -> new NotFound(
                "No history snapshot at version " + version + " of " + itemId + "."));
        ItemPageView page = renderer.render(snapshot.state(), snapshot.version(), actor,
                        Freshness.current(snapshot.version()))
                .asHistorical(new ItemPageView.Historical(String.valueOf(snapshot.position()), snapshot.position(),
                        snapshot.recordedAt()));
        return new SnapshotView(snapshot.version(), snapshot.position(), snapshot.recordedAt(), snapshot.actor(),
                snapshot.note(), page);
    }

    private static String snapshotPath(String itemId, long version) {
        return ItemPageRenderer.ITEMS_PATH + itemId + "/history/snapshots/" + version;
    }

    private static BoardView.Card card(ItemState item) {
        return new BoardView.Card(item.id(), item.key(), item.title(), item.workType().slug(),
                item.signals().status());
    }

    public record DriftListView(long count, List<DriftedItemView> items, String nextCursor) {
        public record DriftedItemView(String id, String key, String title, String lane, Instant driftSince,
                                      long driftPosition, List<ItemPageView.DriftView> drifts,
                                      List<String> reconciliationGuidance) {
        }
    }

    public record BoardView(String workType, long count, List<LaneView> lanes) {
        public record LaneView(String lane, long count, List<Card> items) {
        }

        public record Card(String id, String key, String title, String workType, String status) {
        }
    }

    public record QueueView(long count, List<QueuedView> items) {
        public record QueuedView(int place, String id, String key, String title, String lane, String status,
                                 Instant queuedAt, long queuedPosition) {
        }
    }

    public record SnapshotListView(String id, List<SnapshotRef> snapshots) {
        public record SnapshotRef(long version, long position, Instant recordedAt, String actor, String note,
                                  String path) {
        }
    }

    public record SnapshotView(long version, long position, Instant recordedAt, String actor, String note,
                               ItemPageView page) {
    }
}
