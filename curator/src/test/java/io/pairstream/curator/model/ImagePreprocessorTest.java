package io.pairstream.curator.model;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePreprocessorTest {

    private static BufferedImage filled(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    @Test
    void shouldNormaliseEachChannelWithItsMeanAndStd() {
        ImagePreprocessor preprocessor = new ImagePreprocessor(4, ImagePreprocessor.CLIP_MEAN, ImagePreprocessor.CLIP_STD);
        float[] tensor = preprocessor.toTensor(filled(4, 4, Color.WHITE));
        assertEquals(3 * 16, tensor.length);
        for (int c = 0; c < 3; c++) {
            float expected = (1 - ImagePreprocessor.CLIP_MEAN[c]) / ImagePreprocessor.CLIP_STD[c];
            assertEquals(expected, tensor[c * 16], 1e-5f);
            assertEquals(expected, tensor[c * 16 + 15], 1e-5f);
        }
    }

    @Test
    void shouldResizeTheShorterSideAndCropTheCentre() {
        // A 300x100 image: red outer thirds, green centre third. Resized to 30x10 and cropped to 10x10,
        // only the green centre remains.
        BufferedImage wide = filled(300, 100, Color.RED);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        ImagePreprocessor preprocessor = new ImagePreprocessor(10, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        float[] tensor = preprocessor.toTensor(wide);
        for (int i = 1; i < 99; i++) {
            assertEquals(0, tensor[i], 0.05, "red at " + i);
            assertEquals(1, tensor[100 + i], 0.05, "green at " + i);
        }
    }

    @Test
    void shouldRefuseMeanWithoutThreeChannels() {
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(4, new float[] {0.5f}, new float[] {1, 1, 1}));
    }
}
