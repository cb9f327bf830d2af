package io.pairstream.topology.select;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * How often each stored sample has been chosen as a positive in each event-time window, kept in a
 * changelogged window store so that the cap holds across restarts and a replay chooses the same
 * pairs. A hub (a sample close to very many others) would otherwise be everyone's positive.
 *
 * <p>Each window's counts are kept apart, so an anchor arriving late is counted in its own window.
 * The store keeps {@link #RETAINED_WINDOWS} windows and drops older ones whole, by segment, with no
 * per-entry delete: the ledger once scanned every entry at each window's end and deleted the stale
 * ones one by one, a stall of up to a second in a burst with a changelog tombstone each. An anchor
 * older than that is not capped, and its uses are not recorded.
 */
public final class HubnessLedger {

    /** Windows the store keeps: the current one and the one before, for anchors that arrive late. */
    private static final int RETAINED_WINDOWS = 2;

    private final WindowStore<String, Integer> uses;
    private final long windowMs;

    HubnessLedger(WindowStore<String, Integer> uses, Duration window) {
        this.uses = uses;
        this.windowMs = window.toMillis();
    }

    /** The ledger's store: uses per sample id and window of {@code window}, on RocksDB, changelogged. */
    public static StoreBuilder<WindowStore<String, Integer>> storeBuilder(String name, Duration window) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, window.multipliedBy(RETAINED_WINDOWS), window, false),
                Serdes.String(), Serdes.Integer());
    }

    /** Times {@code id} was chosen in the window holding {@code eventTimeMs}. */
    int usesIn(String id, long eventTimeMs) {
        Integer count = uses.fetch(id, windowStart(eventTimeMs));
        return count == null ? 0 : count;
    }

    void recordUse(String id, long eventTimeMs) {
        uses.put(id, usesIn(id, eventTimeMs) + 1, windowStart(eventTimeMs));
    }

    private long windowStart(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, windowMs) * windowMs;
    }
}
