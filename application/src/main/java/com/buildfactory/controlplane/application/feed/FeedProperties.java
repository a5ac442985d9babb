package com.buildfactory.controlplane.application.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param maxStreams open streams at once; each holds a thread and a cursor on the log, so the cap bounds both
 * @param heartbeat  a comment line this often on a quiet stream, so proxies keep it open and clients notice a
 *                   dead connection
 */
@ConfigurationProperties("control-plane.feed")
public record FeedProperties(Integer maxStreams, Duration heartbeat) {

    public FeedProperties {
        maxStreams = maxStreams == null ? 16 : maxStreams;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        if (maxStreams < 1 || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("control-plane.feed.max-streams >= 1 and heartbeat > 0");
        }
    }
}
