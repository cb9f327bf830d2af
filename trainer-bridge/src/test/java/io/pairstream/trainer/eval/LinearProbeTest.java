package io.pairstream.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @Test
    void shouldClassifyLinearlySeparableRepresentationsAlmostPerfectly() {
        LinearProbe probe = LinearProbe.split(images(400, 0.3, 1), 0.5);
        assertTrue(probe.accuracy(LinearProbeTest::identity) > 0.97);
    }

    @Test
    void shouldScoreNoBetterThanChanceOnRepresentationsThatCarryNoLabel() {
        LinearProbe probe = LinearProbe.split(images(600, 0.3, 2), 0.5);
        double accuracy = probe.accuracy(pixels -> pixels.stream().map(p -> new float[] {0f, 0f}).toArray(float[][]::new));
        assertEquals(1.0 / 3, accuracy, 0.08);
    }

    /** Three classes as Gaussian blobs at the corners of a triangle; the pixels are the representation. */
    private static List<ProbeImage> images(int count, double spread, long seed) {
        double[][] centres = {{0, 0}, {1, 0}, {0, 1}};
        Random random = new Random(seed);
        List<ProbeImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 3;
            out.add(new ProbeImage(new float[] {
                    (float) (centres[label][0] + spread * random.nextGaussian() / 3),
                    (float) (centres[label][1] + spread * random.nextGaussian() / 3)}, label));
        }
        return out;
    }

    private static float[][] identity(List<float[]> pixels) {
        return pixels.toArray(float[][]::new);
    }
}
