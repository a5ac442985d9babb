package com.buildfactory.controlplane.application.contract;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every operation shares, added to the generated document in one place rather than repeated on each
 * controller: the error answers each can give (all application/problem+json), the headers of item commands, the
 * Idempotency-Key of every POST, the public operations, and the seed item's examples.
 */
final class ContractConventions implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ITEMS = "/api/control-plane/items";

    /** What each shared parameter means, said once for every operation that takes it. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("id", "An item id, like wi-BF-276 (tokens: tok_...)."),
            Map.entry("action", "The action's identity, like mark-ready."),
            Map.entry("criterion", "The done criterion's name."),
            Map.entry("name", "A projection: read-models (the one processor of the item page, queue truth, board and queue, and history)."),
            Map.entry("version", "The item version a snapshot was recorded at."),
            Map.entry("If-Match", "The version the change expects, as an ETag (\"5\"); another current version"
                    + " answers 412 and changes nothing."),
            Map.entry("If-None-Match", "The version the client holds; 304 when the item page holds exactly it."),
            Map.entry("Prefer", "return=minimal for a short receipt {id, key, lane, version, actionResult} instead"
                    + " of the page (RFC 7240)."),
            Map.entry("Min-Version", "Read-your-writes: answer once the item page holds at least this version (an"
                    + " Item-Version or ETag an answer gave); waits up to 2 s, then 503 with Retry-After."),
            Map.entry("minVersion", "The same as the Min-Version header."),
            Map.entry("asOf", "An ISO-8601 time or a log position: the page rebuilt as it was then."),
            Map.entry("cursor", "The nextCursor of the previous page."),
            Map.entry("limit", "How many to answer at most."),
            Map.entry("after", "A log position (or audit entry): answer what comes after it."),
            Map.entry("lane", "A lane: backlog, ready, in-progress, review or done."),
            Map.entry("workType", "feature, bug, operations, chore or research."),
            Map.entry("item", "Only this item's events, like wi-BF-276."),
            Map.entry("kind", "full or incremental."),
            Map.entry("Last-Event-ID", "Resume after this log position: the id of the last event received."));

    private final Examples examples;

    ContractConventions(Examples examples) {
        this.examples = examples;
    }

    @Override
    public void customise(OpenAPI api) {
        ResolvedSchema problem = ModelConverters.getInstance(true)
                .resolveAsResolvedSchema(new AnnotatedType(ProblemDocument.class).resolveAsRef(false));
        api.getComponents().addSchemas("Problem", problem.schema);
        problem.referencedSchemas.forEach((name, schema) -> api.getComponents().getSchemas().putIfAbsent(name, schema));
        api.getComponents().addHeaders("ETag", header("The item's version as a strong ETag, \"5\"", "string"))
                .addHeaders("Item-Version", header("The item's version after this answer: send it as Min-Version"
                        + " to read the item back at least at this version.", "integer"))
                .addHeaders("Retry-After", header("Seconds to wait before retrying.", "integer"))
                .addHeaders("Location", header("Where the created resource is.", "string"))
                .addHeaders("Preference-Applied", header("return=minimal when the short receipt was sent.",
                        "string"))
                .addHeaders("WWW-Authenticate", header("Bearer", "string"));
        api.getComponents().getSchemas().values().forEach(ContractConventions::nullableReferences);
        Map<String, PathItem> sorted = new TreeMap<>(api.getPaths());
        sorted.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                apply(path, method, operation)));
    }

    private void apply(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getSummary() == null) {
            operation.setSummary(operation.getOperationId());
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> {
                if (parameter.getDescription() == null) {
                    parameter.setDescription(PARAMETERS.get(parameter.getName()));
                }
            });
        }
        boolean open = path.equals("/api") || path.startsWith("/api/health");
        boolean body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        boolean itemCommand = body && path.startsWith(ITEMS);
        ApiResponses responses = operation.getResponses();
        if (open) {
            operation.setSecurity(List.of());
        }
        error(responses, "400", "Invalid input: a parameter, header or body is malformed, of the wrong type or out"
                + " of range (times: 1970-01-01 to 9999-12-31 UTC). Nothing was changed.");
        if (!open) {
            error(responses, "401", "No token, or an unknown, revoked or expired one.").addHeaderObject(
                    "WWW-Authenticate", ref("WWW-Authenticate"));
            error(responses, "403", "The token lacks the permission. Answered before anything about an item is"
                    + " read: the same whether the item exists or not.");
        }
        if (path.contains("{")) {
            error(responses, "404", "Nothing exists under this path (unknown item, action, token, projection or"
                    + " snapshot).");
        }
        error(responses, "406", "The Accept header is unreadable, or names no type this operation answers.");
        error(responses, "500", "Unexpected failure; it is logged.");
        if (body) {
            error(responses, "413", "The body is larger than control-plane.limits.body-bytes.");
            error(responses, "415", "The body is not application/json.");
        }
        if (method == PathItem.HttpMethod.POST && !open) {
            operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("Replays the first answer to a retried POST with the same key and body.")
                    .schema(new Schema<String>().types(Set.of("string")).minLength(1).maxLength(200)));
            error(responses, "422", "The Idempotency-Key was used before with another request.");
        }
        if (itemCommand) {
            error(responses, "409", "Blocked by a gate (with every gate and the recovery guidance), the item key"
                    + " exists already, or another command changed the item at the same moment.");
            error(responses, "412", "If-Match names a version that is no longer the item's.");
            error(responses, "503", "The event log could not be written; nothing was stored. Retry shortly.");
            responses.forEach((code, response) -> {
                if (code.startsWith("2") || code.equals("409")) {
                    response.addHeaderObject("ETag", ref("ETag")).addHeaderObject("Item-Version", ref("Item-Version"));
                }
                if (code.equals("200")) {
                    response.addHeaderObject("Preference-Applied", ref("Preference-Applied"));
                }
                if (code.equals("201")) {
                    response.addHeaderObject("Location", ref("Location"));
                }
            });
        }
        if (path.equals(ITEMS + "/{id}") && method == PathItem.HttpMethod.GET) {
            responses.addApiResponse("304", new ApiResponse().description("If-None-Match names the version the"
                    + " item page holds; no body.").addHeaderObject("ETag", ref("ETag")));
            error(responses, "503", "Min-Version: the item page did not reach the version within the wait; the"
                    + " change is stored, retry the read.").addHeaderObject("Retry-After", ref("Retry-After"));
            responses.get("200").addHeaderObject("ETag", ref("ETag"));
            example(responses.get("200").getContent(), "seed", "wi-BF-276, Done", examples.seedPage());
        }
        if (path.equals("/api/feed/events")) {
            error(responses, "503", "The change feed has its maximum of open streams; retry with Last-Event-ID.")
                    .addHeaderObject("Retry-After", ref("Retry-After"));
        }
        if (path.equals(ITEMS) && method == PathItem.HttpMethod.POST && operation.getRequestBody() != null) {
            example(operation.getRequestBody().getContent(), "seed", "wi-BF-276 as the seed page shows it",
                    examples.seedCreate());
        }
        responses.values().forEach(response -> {
            if (response.getContent() != null && response.getContent().get(PROBLEM_JSON) != null
                    && response.getContent().get(PROBLEM_JSON).getSchema() == null) {
                response.getContent().get(PROBLEM_JSON).setSchema(new Schema<>().$ref(PROBLEM));
            }
        });
        if (path.equals(ITEMS + "/{id}/actions/{action}")) {
            example(responses.get("409").getContent(), "seed", "start-execution on the Done seed item",
                    examples.seedBlocked());
        }
    }

    /**
     * A nullable property of another schema's type comes out of the generator as {@code $ref} beside
     * {@code type: null}, which nothing can match; JSON Schema says it as {@code anyOf: [$ref, {type: null}]}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableReferences(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().replaceAll((name, property) -> {
            Schema<?> value = (Schema<?>) property;
            if (value.get$ref() != null && value.getTypes() != null && value.getTypes().contains("null")) {
                Schema nullable = new Schema<>().description(value.getDescription());
                nullable.anyOf(List.of(new Schema<>().$ref(value.get$ref()),
                        new Schema<>().types(Set.of("null"))));
                return nullable;
            }
            return property;
        });
    }

    private static ApiResponse error(ApiResponses responses, String code, String description) {
        ApiResponse response = responses.get(code);
        if (response == null) {
            response = new ApiResponse().description(description);
            responses.addApiResponse(code, response);
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
        return response;
    }

    private static void example(Content content, String name, String summary, Object value) {
        content.values().forEach(media -> media.addExamples(name, new Example().summary(summary).value(value)));
    }

    private static Header header(String description, String type) {
        return new Header().description(description).schema(new Schema<>().types(Set.of(type)));
    }

    private static Header ref(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }
}
