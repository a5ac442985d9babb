package com.buildfactory.controlplane.application.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A strongly held, least-recently-used aggregate cache of bounded size. Axon's {@code WeakReferenceCache} loses its
 * entries at every garbage collection, so with many items in use nearly every command re-loaded its aggregate from
 * the log (snapshot plus events); this cache keeps the {@code maxEntries} most recently used ones.
 */
public class BoundedAggregateCache implements Cache {

    private final int maxEntries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();
    private final LinkedHashMap<Object, Object> entries;

    public BoundedAggregateCache(int maxEntries) {
        this.maxEntries = Math.max(1, maxEntries);
        this.entries = new LinkedHashMap<>(64, 0.75f, true);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
        Object previous;
        List<Object> evicted;
        synchronized (entries) {
            previous = entries.put(key, value);
            evicted = evict();
        }
        if (previous != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        expired(evicted);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
        List<Object> evicted;
        synchronized (entries) {
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, value);
            evicted = evict();
        }
        listeners.forEach(l -> l.onEntryCreated(key, value));
        expired(evicted);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T current = get(key);
        if (current != null) {
            return current;
        }
        T value = valueSupplier.get();
        if (value == null) {
            throw new IllegalStateException("Value Supplier of Cache produced a null value for key [" + key + "]!");
        }
        put(key, value);
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object updated;
        synchronized (entries) {
            Object current = entries.get(key);
            if (current == null) {
                return;
            }
            updated = update.apply((V) current);
            if (updated == null) {
                entries.remove(key);
            } else {
                entries.put(key, updated);
            }
        }
        if (updated == null) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        } else {
            listeners.forEach(l -> l.onEntryUpdated(key, updated));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        List<Object> keys;
        synchronized (entries) {
            keys = new ArrayList<>(entries.keySet());
            entries.clear();
        }
        keys.forEach(key -> listeners.forEach(l -> l.onEntryRemoved(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Called with the lock held: drops the least recently used entries beyond the bound. */
    private List<Object> evict() {
        List<Object> evicted = List.of();
        var iterator = entries.entrySet().iterator();
        while (entries.size() > maxEntries && iterator.hasNext()) {
            Map.Entry<Object, Object> eldest = iterator.next();
            if (evicted.isEmpty()) {
                evicted = new ArrayList<>();
            }
            evicted.add(eldest.getKey());
            iterator.remove();
        }
        return evicted;
    }

    private void expired(List<Object> keys) {
        keys.forEach(key -> listeners.forEach(l -> l.onEntryExpired(key)));
    }
}
