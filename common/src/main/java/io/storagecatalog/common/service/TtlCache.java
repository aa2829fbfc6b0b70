package io.storagecatalog.common.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A small cache whose entries live for a fixed time (statistics, health information). */
final class TtlCache {

    private record Entry(Object value, Instant expires) {}

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    TtlCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> load) {
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry == null || !entry.expires().isAfter(now)) {
            entry = new Entry(load.get(), now.plus(ttl));
            entries.put(key, entry);
        }
        return (T) entry.value();
    }
}
