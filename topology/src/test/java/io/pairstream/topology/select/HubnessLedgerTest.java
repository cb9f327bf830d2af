package io.pairstream.topology.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.topology.StandaloneStores;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hubness ledger on its RocksDB window store: counts per window, late anchors, old windows dropped. */
class HubnessLedgerTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long MINUTE = 60_000L;

    @TempDir
    Path stateDirectory;

    private WindowStore<String, Integer> store;
    private HubnessLedger ledger;

    @BeforeEach
    void open() {
        store = StandaloneStores.open(HubnessLedger.storeBuilder("hubness-test", WINDOW).withLoggingDisabled().build(), stateDirectory);
        ledger = new HubnessLedger(store, WINDOW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldCountUsesPerSampleWithinAWindow() {
        ledger.recordUse("a", 1 * MINUTE);
        ledger.recordUse("a", 9 * MINUTE);
        ledger.recordUse("b", 2 * MINUTE);

        assertEquals(2, ledger.usesIn("a", 5 * MINUTE));
        assertEquals(1, ledger.usesIn("b", 0));
        assertEquals(0, ledger.usesIn("c", 5 * MINUTE));
    }

    @Test
    void shouldStartEachWindowAtZeroAndKeepALateAnchorsWindowApart() {
        ledger.recordUse("a", 1 * MINUTE);
        ledger.recordUse("a", 2 * MINUTE);

        ledger.recordUse("a", 11 * MINUTE);
        assertEquals(1, ledger.usesIn("a", 12 * MINUTE), "a new window counts from zero");

        ledger.recordUse("a", 3 * MINUTE);
        assertEquals(3, ledger.usesIn("a", 4 * MINUTE), "a late anchor is counted in its own window");
        assertEquals(1, ledger.usesIn("a", 19 * MINUTE), "and not in the current one");
    }

    @Test
    void shouldDropWindowsOlderThanTheOneBeforeTheCurrent() {
        ledger.recordUse("a", 1 * MINUTE);
        ledger.recordUse("b", 11 * MINUTE);
        // Stream time moves three windows on: the first window's segment is dropped whole.
        ledger.recordUse("c", 31 * MINUTE);

        assertEquals(0, ledger.usesIn("a", 1 * MINUTE));
        assertEquals(1, ledger.usesIn("c", 31 * MINUTE));
    }
}
