package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.application.readyourwrites.MinVersionReads;
import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.ItemEdit;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.CreateWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.LinkPullRequest;
import com.buildfactory.controlplane.domain.workitem.api.MarkDoneCriterion;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.UpdateWorkItemDetails;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.projections.itempage.ItemPageQueries;
import com.buildfactory.controlplane.projections.itempage.StoredItem;
import com.buildfactory.controlplane.projections.queuetruth.FreshnessProbe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/** Items: create, read, list and the plain edits. Lane moves are in {@link ActionsController}. */
@RestController
@RequestMapping("/api/control-plane/items")
public class ItemsController {

    private static final int LIMIT_DEFAULT = 50;
    private static final int LIMIT_MAX = 500;

    private final WorkItemCommands commands;
    private final ItemPageQueries queries;
    private final ItemPageRenderer renderer;
    private final OutcomeResponses outcomes;
    private final FreshnessProbe freshness;
    private final TimeTravel timeTravel;
    private final MinVersionReads minVersionReads;

    public ItemsController(WorkItemCommands commands, ItemPageQueries queries, ItemPageRenderer renderer,
                           OutcomeResponses outcomes, FreshnessProbe freshness, TimeTravel timeTravel,
                           MinVersionReads minVersionReads) {
        this.minVersionReads = minVersionReads;
        this.commands = commands;
        this.queries = queries;
        this.renderer = renderer;
        this.outcomes = outcomes;
        this.freshness = freshness;
        this.timeTravel = timeTravel;
    }

    @Operation(summary = "Create a work item", description = "Needs factory.work-item.create. The key names the"
            + " item: BF-276 becomes wi-BF-276.")
    @ApiResponse(responseCode = "201", description = "The new item's page.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ItemPageView.class)))
    @PostMapping
    public ResponseEntity<ItemPageView> create(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                               @Valid @RequestBody ItemRequests.CreateItem body) {
        Access.require(actor, ItemEdit.CREATE);
        NewWorkItem item = ItemRequestMapper.newItem(body);
        String itemId = item.key().itemId();
        commands.send(new CreateWorkItem(itemId, actor, item), actor);
        ItemPageView page = renderer.render(WorkItemCreated.of(itemId, item, null).evolve(null), 0, actor);
        return ResponseEntity.created(URI.create(ItemPageRenderer.ITEMS_PATH + itemId))
                .eTag(ItemVersions.etag(0)).header(ItemVersions.ITEM_VERSION, "0")
                .body(page);
    }

    /**
     * The item page from the read model, with its measured freshness. {@code asOf} (an ISO-8601 time or an event
     * position) rebuilds the page from the log as it was then, marked historical. An item the read model does not
     * hold yet (being replayed, or just created) is rebuilt from the log and shown as Stale.
     *
     * <p>With {@code If-None-Match} naming the version the read model still holds, the answer is 304 without
     * rendering the page: a client waiting for its command to show polls cheaply. The version is the item's, not
     * the page's: the freshness lines of a page may change while its version does not.
     *
     * <p>With {@code Min-Version} (or {@code ?minVersion=}) the read waits, bounded, until the read model holds at
     * least that version: the one an action or edit answered in {@code Item-Version}.
     */
    @Operation(summary = "Read an item's page", description = "The page for the calling actor (factory.work-item.read):"
            + " sections, queue truth with measured freshness, and every action with its gates and guidance.")
    @ApiResponse(responseCode = "200", description = "The item page.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ItemPageView.class)))
    @GetMapping("/{id}")
    public ResponseEntity<ItemPageView> get(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                            @PathVariable String id,
                                            @RequestParam(required = false) String asOf,
                                            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                            String ifNoneMatch,
                                            @RequestHeader(value = MinVersionReads.HEADER, required = false)
                                            String minVersionHeader,
                                            @RequestParam(name = MinVersionReads.PARAMETER, required = false)
                                            String minVersionParameter) {
        Access.require(actor, Permissions.READ);
        String itemId = knownId(id);
        OptionalLong minVersion = MinVersionReads.requested(minVersionHeader, minVersionParameter);
        if (asOf != null) {
            if (minVersion.isPresent()) {
                throw new InvalidInput(MinVersionReads.PARAMETER, "cannot be combined with asOf");
            }
            return ResponseEntity.ok().body(timeTravel.page(itemId, asOf, actor));
        }
        if (minVersion.isPresent()) {
            minVersionReads.await(itemId, minVersion.getAsLong(), () -> queries.version(itemId),
                    () -> lastLoggedVersion(itemId, id));
        }
        if (ifNoneMatch != null) {
            OptionalLong held = queries.version(itemId);
            if (held.isPresent() && ItemVersions.named(ifNoneMatch, held.getAsLong())) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ItemVersions.etag(held.getAsLong())).build();
            }
        }
        StoredItem item = queries.find(itemId).orElse(null);
        if (item == null) {
            ItemPageView rebuilt = timeTravel.unprojected(itemId, actor).orElseThrow(() -> unknownItem(id));
            return ResponseEntity.ok().eTag(ItemVersions.etag(rebuilt.version())).body(rebuilt);
        }
        return ResponseEntity.ok().eTag(ItemVersions.etag(item.version()))
                .body(renderer.render(item.state(), item.version(), actor,
                        freshness.measure(itemId, item.version())));
    }

    @Operation(summary = "List items", description = "A page of items in creation order, filtered by lane and work"
            + " type; follow nextCursor.")
    @GetMapping
    public ItemListView list(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                             @RequestParam(required = false) String lane,
                             @RequestParam(required = false) String workType,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        Access.require(actor, Permissions.READ);
        Lane laneFilter = lane == null ? null : Lane.parse(lane)
                .orElseThrow(() -> new InvalidInput("lane", "must be one of backlog, ready, in-progress, review, done"));
        WorkType typeFilter = QueryParams.workType(workType);
        int size = QueryParams.limit(limit, LIMIT_DEFAULT, LIMIT_MAX);
        List<StoredItem> items = queries.list(laneFilter, typeFilter, ItemCursor.decode(cursor), size + 1);
        boolean more = items.size() > size;
        List<StoredItem> shown = more ? items.subList(0, size) : items;
        String next = more ? ItemCursor.encode(shown.get(shown.size() - 1).createdPosition()) : null;
        return new ItemListView(shown.stream().map(i -> renderer.render(i.state(), i.version(), actor,
                freshness.measure(i.state().id(), i.version()))).toList(), next);
    }

    @Operation(summary = "Update an item's details", description = "Title, description, work type, branch,"
            + " validation, prompt context, done criteria (factory.work-item.update).")
    @ApiResponse(responseCode = "200", description = "The item page after the change, with actionResult (applied or"
            + " already-done); with Prefer: return=minimal the short receipt instead.",
            content = @Content(mediaType = "application/json", schema = @Schema(anyOf = {ItemPageView.class,
                    ItemReceipt.class})))
    @PatchMapping("/{id}")
    public ResponseEntity<?> updateDetails(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                           @PathVariable String id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestHeader(value = ReturnPreference.PREFER, required = false) String prefer,
                                           @Valid @RequestBody ItemRequests.UpdateDetails body) {
        Access.require(actor, ItemEdit.UPDATE_DETAILS);
        ActionOutcome outcome = commands.send(new UpdateWorkItemDetails(knownId(id), actor,
                ItemVersions.expected(ifMatch), ItemRequestMapper.detailsChange(body)), actor);
        return outcomes.respond(outcome, actor, prefer);
    }

    @Operation(summary = "Link the pull request", description = "factory.work-item.link-pull-request.")
    @ApiResponse(responseCode = "200", description = "The item page after the change, with actionResult (applied or"
            + " already-done); with Prefer: return=minimal the short receipt instead.",
            content = @Content(mediaType = "application/json", schema = @Schema(anyOf = {ItemPageView.class,
                    ItemReceipt.class})))
    @PutMapping("/{id}/pull-request")
    public ResponseEntity<?> linkPullRequest(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                             @PathVariable String id,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch,
                                     @RequestHeader(value = ReturnPreference.PREFER, required = false) String prefer,
                                             @Valid @RequestBody ItemRequests.PullRequestBody body) {
        Access.require(actor, ItemEdit.LINK_PULL_REQUEST);
        ActionOutcome outcome = commands.send(new LinkPullRequest(knownId(id), actor, ItemVersions.expected(ifMatch),
                ItemRequestMapper.pullRequest(body)), actor);
        return outcomes.respond(outcome, actor, prefer);
    }

    @Operation(summary = "Mark a done criterion met or not", description = "factory.work-item.update.")
    @ApiResponse(responseCode = "200", description = "The item page after the change, with actionResult (applied or"
            + " already-done); with Prefer: return=minimal the short receipt instead.",
            content = @Content(mediaType = "application/json", schema = @Schema(anyOf = {ItemPageView.class,
                    ItemReceipt.class})))
    @PutMapping("/{id}/done-criteria/{criterion}")
    public ResponseEntity<?> markCriterion(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                           @PathVariable String id, @PathVariable String criterion,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch,
                                     @RequestHeader(value = ReturnPreference.PREFER, required = false) String prefer,
                                           @Valid @RequestBody ItemRequests.MarkCriterion body) {
        Access.require(actor, ItemEdit.MARK_DONE_CRITERION);
        ActionOutcome outcome = commands.send(new MarkDoneCriterion(knownId(id), actor,
                ItemVersions.expected(ifMatch), criterion, body.met()), actor);
        return outcomes.respond(outcome, actor, prefer);
    }

    private long lastLoggedVersion(String itemId, String id) {
        long last = freshness.measure(itemId, -1).streamVersion();
        if (last < 0) {
            throw unknownItem(id);
        }
        return last;
    }

    /** An id that cannot name an item is unknown: no need to ask the store. */
    static String knownId(String id) {
        if (WorkItemKey.fromId(id).isEmpty()) {
            throw unknownItem(id);
        }
        return id;
    }

    static NotFound unknownItem(String id) {
        return new NotFound("No work item " + id + " exists. Item ids look like wi-BF-276.");
    }

    public record ItemListView(List<ItemPageView> items, String nextCursor) {
    }
}
