package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pairstream.topology.vector.VectorUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedVectorsTest {

    @TempDir
    Path directory;

    @Test
    void shouldKeepVectorsAcrossManySegmentsAndScoreThemLikeArrays() {
        // 40,000 floats per vector: a 128 MiB segment holds 838 of them, so 2,000 span three segments.
        int dimension = 40_000;
        Random random = new Random(3);
        Path file = directory.resolve("v").resolve("0.f32");
        try (MappedVectors vectors = new MappedVectors(file, dimension)) {
            float[] query = randomVector(random, dimension);
            for (int ordinal : new int[] {0, 837, 838, 1_999, 5}) {
                float[] vector = randomVector(random, dimension);
                vectors.put(ordinal, vector);
                assertArrayEquals(vector, vectors.vector(ordinal));
                assertEquals(VectorUtil.dotProduct(query, vector), vectors.dotProduct(query, ordinal), 1e-3f);
            }
            float[] replacement = randomVector(random, dimension);
            vectors.put(837, replacement);
            assertArrayEquals(replacement, vectors.vector(837));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void shouldStartEmptyOverAStaleFile() throws Exception {
        Path file = directory.resolve("0.f32");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (MappedVectors vectors = new MappedVectors(file, 2)) {
            vectors.put(1, new float[] {0.6f, 0.8f});
            assertArrayEquals(new float[2], vectors.vector(0));
        }
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = random.nextFloat() - 0.5f;
        }
        return vector;
    }
}
