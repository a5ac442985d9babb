package com.buildfactory.controlplane.application.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Values for an operation's parameters and body, generated from the contract's schemas: mostly well-formed (so the
 * request reaches deep into the service), often hostile (wrong types, edge numbers, odd text, missing fields).
 */
final class RequestGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] HOSTILE_TEXT = {"", " ", "null", "'; DROP TABLE item_page; --", "<script>x</script>",
            "../../etc/passwd", "%2F", "\u00fc\u00df\u4e2d\u6587", "\ud83d\ude00", "x".repeat(5000), "-1", "0",
            "9223372036854775808", "1e309", "NaN", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "aXRlbXM6LTE", "ZHJpZnQ6LTk5OTk5OTk5OS0wMS0wMVQwMDowMDowMFp8MQ",
            "*", "W/\"1\"", "\"0\"", "return=minimal", "wi-FUZZ-1", "wi-NOPE-1", "FZ-1", "open", "done"};
    private static final long[] EDGE_NUMBERS = {-9223372036854775808L, -1, 0, 1, 2, 5, 100, 500, 1001, 2147483648L,
            9223372036854775807L};

    private final JsonNode contract;
    private final Random random;

    RequestGenerator(JsonNode contract, Random random) {
        this.contract = contract;
        this.random = random;
    }

    /** A parameter value as text: from the schema's enum or type, or hostile. */
    String parameter(String name, JsonNode schema, List<String> known) {
        if (!known.isEmpty() && random.nextInt(10) < 6) {
            return known.get(random.nextInt(known.size()));
        }
        JsonNode resolved = resolve(schema);
        if (random.nextInt(10) < 4) {
            return HOSTILE_TEXT[random.nextInt(HOSTILE_TEXT.length)];
        }
        if (resolved != null && resolved.has("enum")) {
            JsonNode values = resolved.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        if (isType(resolved, "integer") || isType(resolved, "number")) {
            return Long.toString(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
        }
        return HOSTILE_TEXT[random.nextInt(HOSTILE_TEXT.length)];
    }

    /** A JSON body for the schema; sometimes of the wrong shape altogether. */
    JsonNode body(JsonNode schema) {
        if (random.nextInt(20) == 0) {
            return NODES.textNode("not an object");
        }
        return value(schema, 0);
    }

    private JsonNode value(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved == null || depth > 4) {
            return NODES.nullNode();
        }
        for (String choice : new String[] {"oneOf", "anyOf"}) {
            if (resolved.has(choice)) {
                JsonNode options = resolved.get(choice);
                return value(options.get(random.nextInt(options.size())), depth);
            }
        }
        if (random.nextInt(12) == 0) {
            return wrongType();
        }
        if (resolved.has("enum")) {
            JsonNode values = resolved.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        if (isType(resolved, "object") || resolved.has("properties")) {
            ObjectNode object = NODES.objectNode();
            JsonNode properties = resolved.get("properties");
            if (properties != null) {
                Iterator<String> names = properties.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (random.nextInt(10) < 8) {
                        object.set(name, named(name, properties.get(name), depth));
                    }
                }
            }
            return object;
        }
        if (isType(resolved, "array")) {
            ArrayNode array = NODES.arrayNode();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                array.add(value(resolved.get("items"), depth + 1));
            }
            return array;
        }
        if (isType(resolved, "boolean")) {
            return NODES.booleanNode(random.nextBoolean());
        }
        if (isType(resolved, "integer") || isType(resolved, "number")) {
            return NODES.numberNode(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
        }
        if (resolved.has("pattern") && random.nextBoolean()) {
            return NODES.textNode(plausible(resolved.get("pattern").asText()));
        }
        return NODES.textNode(HOSTILE_TEXT[random.nextInt(HOSTILE_TEXT.length)]);
    }

    /** Some fields get values that pass validation, so the command reaches the aggregate. */
    private JsonNode named(String name, JsonNode schema, int depth) {
        if (random.nextBoolean()) {
            switch (name) {
                case "key" -> {
                    return NODES.textNode("FZ-" + (1 + random.nextInt(50)));
                }
                case "url" -> {
                    return NODES.textNode("https://example.org/pr/" + random.nextInt(9));
                }
                case "title" -> {
                    return NODES.textNode("Fuzzed " + random.nextInt(1000));
                }
                case "permissions" -> {
                    return NODES.arrayNode().add("factory.work-item.read");
                }
                case "actor" -> {
                    return NODES.textNode("fuzz-" + random.nextInt(100));
                }
                default -> {
                    // from the schema below
                }
            }
        }
        return value(schema, depth + 1);
    }

    private static String plausible(String pattern) {
        if (pattern.contains("https?")) {
            return "https://example.org/x";
        }
        if (pattern.contains("feature")) {
            return "feature";
        }
        if (pattern.contains("open")) {
            return "open";
        }
        return "BF-1";
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(123);
            case 1 -> NODES.textNode("false");
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add(1);
            default -> NODES.objectNode().put("x", 1);
        };
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        int hops = 0;
        while (current != null && current.has("$ref") && hops++ < 10) {
            String ref = current.get("$ref").asText();
            current = contract.at(ref.substring(1));
            if (current.isMissingNode()) {
                return null;
            }
        }
        return current;
    }

    private static boolean isType(JsonNode schema, String type) {
        if (schema == null || !schema.has("type")) {
            return schema != null && schema.has("types") && schema.get("types").toString().contains(type);
        }
        JsonNode declared = schema.get("type");
        if (declared.isArray()) {
            List<String> types = new ArrayList<>();
            declared.forEach(t -> types.add(t.asText()));
            return types.contains(type);
        }
        return declared.asText().equals(type);
    }

    static String json(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
