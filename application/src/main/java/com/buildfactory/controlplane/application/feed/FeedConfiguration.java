package com.buildfactory.controlplane.application.feed;

import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
public class FeedConfiguration {

    @Bean
    public ChangeFeed changeFeed(EventStore eventStore, ItemTimeline timeline, ObjectMapper objectMapper,
                                 FeedProperties properties) {
        return new ChangeFeed(eventStore, timeline, objectMapper, properties);
    }
}
