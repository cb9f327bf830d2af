package io.pairstream.schemas.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A thread-safe map that forgets its least recently used entry beyond a capacity. */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value, or the loader's (cached unless the loader throws). */
    V get(K key, Function<K, V> loader) {
        synchronized (entries) {
            V value = entries.get(key);
            if (value != null) {
                return value;
            }
        }
        // Load outside the lock: a slow registry call must not block readers of other keys.
        V loaded = loader.apply(key);
        put(key, loaded);
        return loaded;
    }

    void put(K key, V value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
