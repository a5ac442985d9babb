package com.buildfactory.controlplane.application.readyourwrites;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class ReadYourWritesConfiguration {

    @Bean
    public ItemVersionWaits itemVersionWaits() {
        return new ItemVersionWaits();
    }

    @Bean
    public ItemPageWatch itemPageWatch(ItemVersionWaits waits) {
        return new ItemPageWatch(waits);
    }

    /** How long a read with Min-Version waits for the item page; the page trails commands by ~5-50 ms. */
    @Bean
    public MinVersionReads minVersionReads(ItemVersionWaits waits,
                                           @Value("${control-plane.read-your-writes.max-wait:2s}") Duration maxWait) {
        return new MinVersionReads(waits, maxWait);
    }
}
