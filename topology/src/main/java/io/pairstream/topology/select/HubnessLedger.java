package io.pairstream.topology.select;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How often each stored sample has been chosen as a positive in the current event-time window,
 * kept in a changelogged store so that the cap holds across restarts and a replay chooses the same
 * pairs. A hub (a sample close to very many others) would otherwise be everyone's positive.
 */
final class HubnessLedger {

    private final KeyValueStore<String, byte[]> uses;
    private final long windowMs;

    HubnessLedger(KeyValueStore<String, byte[]> uses, Duration window) {
        this.uses = uses;
        this.windowMs = window.toMillis();
    }

    /** Times {@code id} was chosen in the window holding {@code eventTimeMs}. */
    int usesIn(String id, long eventTimeMs) {
        byte[] entry = uses.get(id);
        if (entry == null) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        return buffer.getLong() == windowStart(eventTimeMs) ? buffer.getInt() : 0;
    }

    void recordUse(String id, long eventTimeMs) {
        int count = usesIn(id, eventTimeMs) + 1;
        uses.put(id, ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(windowStart(eventTimeMs)).putInt(count).array());
    }

    /** Drops the entries of windows before the one holding {@code eventTimeMs}; returns how many. */
    int forgetBefore(long eventTimeMs) {
        long current = windowStart(eventTimeMs);
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = uses.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (ByteBuffer.wrap(entry.value).getLong() < current) {
                    stale.add(entry.key);
                }
            }
        }
        stale.forEach(uses::delete);
        return stale.size();
    }

    private long windowStart(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, windowMs) * windowMs;
    }
}
