package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.Scenarios;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored as JSON by Axon's JacksonSerializer: every event must come back equal, in its own shape. */
class EventSerializationTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    static Stream<WorkItemEvent> everyEvent() {
        return SampleEvents.all().stream();
    }

    @Test
    void theSamplesCoverEveryWorkItemEventSubtype() {
        Set<Class<?>> sampled = SampleEvents.all().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrder(WorkItemEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void everyEventRoundTripsThroughAxonsJacksonSerializer(WorkItemEvent event) {
        SerializedObject<String> stored = serializer.serialize(event, String.class);

        assertThat(stored.getType().getName()).isEqualTo(event.getClass().getName());
        Object restored = serializer.deserialize(stored);

        assertThat(restored).isInstanceOf(event.getClass()).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void everyEventRoundTripsThroughAPlainObjectMapper(WorkItemEvent event) throws Exception {
        String json = mapper.writeValueAsString(event);

        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
    }

    /** Stored events never change shape: the JSON holds exactly the record's components, nothing derived. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void everyEventIsStoredAsExactlyItsRecordComponents(WorkItemEvent event) throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(event));
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(event.getClass().getRecordComponents()).map(c -> c.getName()).toList());
    }

    @Test
    void workItemCreatedIsStoredWithTheDocumentedFieldNamesAndSlugs() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(SampleEvents.all().get(0)));

        assertThat(json.get("itemId").asText()).isEqualTo("wi-BF-276");
        assertThat(json.get("key").asText()).isEqualTo("BF-276");
        assertThat(json.get("workType").asText()).isEqualTo("OPERATIONS");
        assertThat(json.get("pullRequest").get("state").asText()).isEqualTo("OPEN");
        assertThat(json.get("doneCriteria").get(0).get("name").asText()).isEqualTo("runbook");
        assertThat(json.get("doneCriteria").get(0).get("met").asBoolean()).isFalse();
        assertThat(json.get("followUpOf").isNull()).isTrue();
    }

    @Test
    void aStoredEventWithAnUnknownFieldIsStillReadBySerializersThatIgnoreIt() throws Exception {
        String withExtra = "{\"itemId\":\"wi-BF-276\",\"addedLater\":1}";

        MarkedReady restored = serializer.getObjectMapper()
                .copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(withExtra, MarkedReady.class);

        assertThat(restored).isEqualTo(new MarkedReady("wi-BF-276"));
    }

    @Test
    void everyCommandRoundTripsThroughAxonsJacksonSerializer() {
        var lead = Scenarios.lead();
        List<Object> commands = List.of(
                new CreateWorkItem("wi-BF-276", lead, Scenarios.seedItem()),
                new PerformAction("wi-BF-276", ActionType.CREATE_FOLLOW_UP,
                        lead, 4L, "note", Scenarios.seedItem()),
                new UpdateWorkItemDetails("wi-BF-276", lead, null,
                        new DetailsChange("t", null, null, "b", null, null, List.of("a", "b"))),
                new LinkPullRequest("wi-BF-276", lead, 3L, Scenarios.PR),
                new MarkDoneCriterion("wi-BF-276", lead, null, "runbook", true));

        for (Object command : commands) {
            Object restored = serializer.deserialize(serializer.serialize(command, String.class));
            assertThat(restored)
                    .as(command.getClass().getSimpleName()).isEqualTo(command);
        }
    }
}
