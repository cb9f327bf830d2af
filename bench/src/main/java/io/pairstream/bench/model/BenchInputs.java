package io.pairstream.bench.model;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded inputs shaped like real records: small PNGs of drawn shapes, and short captions. */
final class BenchInputs {

    private static final String[] WORDS = {
        "a", "photo", "of", "red", "leather", "ankle", "boot", "smiling", "face", "with", "big", "eyes",
        "black", "sneaker", "on", "white", "background", "summer", "dress", "green", "apple", "emoji"};

    private BenchInputs() {
    }

    /** {@code count} PNG-encoded {@code size}×{@code size} images. */
    static List<byte[]> pngs(int count, int size, long seed) {
        Random random = new Random(seed);
        List<byte[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            for (int shape = 0; shape < 4; shape++) {
                g.setColor(new Color(random.nextInt(0xffffff)));
                g.fillOval(random.nextInt(size), random.nextInt(size), 1 + random.nextInt(size / 2), 1 + random.nextInt(size / 2));
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            images.add(out.toByteArray());
        }
        return images;
    }

    /** {@code count} captions of 4 to 12 words. */
    static List<String> captions(int count, long seed) {
        Random random = new Random(seed);
        List<String> captions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder caption = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
            int words = 4 + random.nextInt(9);
            for (int w = 1; w < words; w++) {
                caption.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            captions.add(caption.toString());
        }
        return captions;
    }
}
