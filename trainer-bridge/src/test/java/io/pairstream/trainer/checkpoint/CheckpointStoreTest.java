package io.pairstream.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartWithoutACheckpoint() {
        assertTrue(new CheckpointStore(dir.resolve("none"), 2).latest().isEmpty());
    }

    @Test
    void shouldReturnTheNewestCheckpointWithItsPositionsAndKeepOnlyTheNewest() {
        CheckpointStore store = new CheckpointStore(dir, 2);
        TopicPartition p0 = new TopicPartition("pairs.positive-v2", 0);
        TopicPartition p3 = new TopicPartition("pairs.positive-v2", 3);
        for (long step = 1; step <= 3; step++) {
            long s = step;
            store.save(step, Map.of(p0, 10 * step, p3, 7L), 100 * step, step, d -> write(d.resolve("weights"), "w" + s));
        }

        Checkpoint latest = store.latest().orElseThrow();

        assertEquals(3, latest.step());
        assertEquals(Map.of(p0, 30L, p3, 7L), latest.positions());
        assertEquals(300, latest.pairsTrained());
        assertEquals(3, latest.pairsSkipped());
        assertEquals("w3", read(latest.directory().resolve("weights")));
        assertFalse(Files.exists(dir.resolve("step-0000000001")), "only the two newest are kept");
        assertTrue(Files.exists(dir.resolve("step-0000000002")));
    }

    @Test
    void shouldIgnoreACheckpointWhoseWritingWasInterrupted() {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.save(1, Map.of(), 10, 0, d -> write(d.resolve("weights"), "w1"));
        try {
            store.save(2, Map.of(), 20, 0, d -> {
                throw new UncheckedIOException(new IOException("disk full"));
            });
        } catch (UncheckedIOException expected) {
            // The crash mid-save this test stands for.
        }
        assertEquals(1, store.latest().orElseThrow().step());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
