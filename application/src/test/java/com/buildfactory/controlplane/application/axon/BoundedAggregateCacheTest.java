package com.buildfactory.controlplane.application.axon;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTest {

    @Test
    void keepsTheMostRecentlyUsedEntriesUpToItsBound() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // a is now more recent than b
        cache.put("c", 3);

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(expired).containsExactly("b");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void removesOneOrAll() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.putIfAbsent("a", 9)).isFalse();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();
        assertThat(cache.size()).isZero();
        assertThat((Object) cache.get("b")).isNull();
    }

    @Test
    void computesOnlyWhenAbsentOrPresent() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        assertThat(cache.<Integer>computeIfAbsent("a", () -> 1)).isEqualTo(1);
        assertThat(cache.<Integer>computeIfAbsent("a", () -> 2)).isEqualTo(1);
        cache.<Integer>computeIfPresent("a", v -> v + 10);
        cache.<Integer>computeIfPresent("b", v -> v + 10);
        assertThat((Integer) cache.get("a")).isEqualTo(11);
        assertThat(cache.containsKey("b")).isFalse();
    }
}
