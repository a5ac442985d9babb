package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.SampleEvents;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate is snapshotted with Jackson reading its fields directly (field visibility ANY). A snapshot must
 * restore id, state and version exactly, and Axon must carry on from it: events after the snapshot, then commands.
 */
class WorkItemSnapshotTest {

    /** Field visibility ANY on top of Jackson's defaults, and the stricter fields-only variant. */
    static Stream<Arguments> snapshotMappers() {
        ObjectMapper fieldsToo = new ObjectMapper().setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        ObjectMapper fieldsOnly = new ObjectMapper()
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        return Stream.of(Arguments.of("fields ANY", fieldsToo), Arguments.of("fields ANY, all else NONE", fieldsOnly));
    }

    private static WorkItem aggregateAfter(List<WorkItemEvent> events) {
        WorkItem item = new WorkItem();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            item.on(events.get(sequence), sequence);
        }
        return item;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotMappers")
    void aSnapshotRestoresIdStateAndVersionExactly(String name, ObjectMapper mapper) throws Exception {
        List<WorkItemEvent> history = SampleEvents.all();
        WorkItem original = aggregateAfter(history);

        String json = mapper.writeValueAsString(original);
        WorkItem restored = mapper.readValue(json, WorkItem.class);

        assertThat(AggregateFields.idOf(restored)).isEqualTo(ITEM_ID);
        assertThat(AggregateFields.versionOf(restored)).isEqualTo(history.size() - 1L);
        assertThat(AggregateFields.stateOf(restored)).isEqualTo(AggregateFields.stateOf(original));
        assertThat(AggregateFields.stateOf(restored).lane()).isEqualTo(Lane.DONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotMappers")
    void aSnapshotHoldsOnlyTheAggregatesThreeFields(String name, ObjectMapper mapper) throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(aggregateAfter(SampleEvents.all())));
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrder("id", "state", "version");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotMappers")
    void aSnapshotRoundTripsThroughAxonsJacksonSerializer(String name, ObjectMapper mapper) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        WorkItem original = aggregateAfter(SampleEvents.all());

        SerializedObject<String> stored = serializer.serialize(original, String.class);
        WorkItem restored = serializer.deserialize(stored);

        assertThat(stored.getType().getName()).isEqualTo(WorkItem.class.getName());
        assertThat(AggregateFields.idOf(restored)).isEqualTo(AggregateFields.idOf(original));
        assertThat(AggregateFields.versionOf(restored)).isEqualTo(AggregateFields.versionOf(original));
        assertThat(AggregateFields.stateOf(restored)).isEqualTo(AggregateFields.stateOf(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotMappers")
    void axonContinuesFromAJacksonRestoredSnapshotWithTheRightVersion(String name, ObjectMapper mapper)
            throws Exception {
        List<Object> history = Scenarios.seedHistoryTo(Lane.REVIEW);
        List<WorkItemEvent> untilSnapshot = new ArrayList<>(history.stream().map(WorkItemEvent.class::cast).toList());
        WorkItemCreated created = Scenarios.seedCreated();
        untilSnapshot.set(0, new WorkItemCreated(ITEM_ID, created.key(), "Only in the snapshot", created.description(),
                created.workType(), created.branch(), created.validationCommand(), created.pullRequest(),
                created.doneCriteria(), created.promptContext(), null));
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        WorkItem restored = serializer.deserialize(serializer.serialize(aggregateAfter(untilSnapshot), String.class));

        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        for (int sequence = 0; sequence < history.size(); sequence++) {
            stream.add(domainEvent(sequence, history.get(sequence)));
        }
        stream.add(domainEvent(history.size(), new ChangesRequested(ITEM_ID)));
        engine.appendEvents(stream);
        engine.storeSnapshot(new GenericDomainEventMessage<>("WorkItem", ITEM_ID, history.size() - 1L, restored));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(WorkItem.class),
                    new SimpleResourceParameterResolverFactory(Set.of(new ActionPolicy())));
            EventSourcingRepository<WorkItem> repository = EventSourcingRepository.builder(WorkItem.class)
                    .eventStore(eventStore).parameterResolverFactory(resolvers).build();
            SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<WorkItem>builder().aggregateType(WorkItem.class)
                    .repository(repository).parameterResolverFactory(resolvers).build().subscribe(commandBus);

            FutureCallback<PerformAction, ActionOutcome> callback = new FutureCallback<>();
            commandBus.dispatch(GenericCommandMessage.asCommandMessage(
                    new PerformAction(ITEM_ID, ActionType.REQUEST_REVIEW, lead(), 4L, null, null)), callback);
            CommandResultMessage<? extends ActionOutcome> result = callback.get(10, TimeUnit.SECONDS);

            assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
            assertThat(result.getPayload().result()).isEqualTo(ActionOutcome.Result.APPLIED);
            assertThat(result.getPayload().version()).isEqualTo(5);
            assertThat(result.getPayload().item().lane()).isEqualTo(Lane.REVIEW);
            assertThat(result.getPayload().item().title()).as("state came from the snapshot")
                    .isEqualTo("Only in the snapshot");
            List<? extends DomainEventMessage<?>> stored = engine.readEvents(ITEM_ID).asStream().toList();
            assertThat(stored).hasSize(6);
            assertThat(stored.get(5).getSequenceNumber()).isEqualTo(5);
            assertThat(stored.get(5).getPayload()).isEqualTo(new ReviewRequested(ITEM_ID));
        } finally {
            eventStore.shutDown();
        }
    }

    private static DomainEventMessage<?> domainEvent(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("WorkItem", ITEM_ID, sequence, payload);
    }
}
