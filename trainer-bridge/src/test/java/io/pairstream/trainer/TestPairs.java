package io.pairstream.trainer;

import io.pairstream.schemas.records.PairStrategy;
import io.pairstream.schemas.records.PositivePair;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Builds realistic {@link PositivePair}s for tests: PNG images inline, hints, labels. */
public final class TestPairs {

    private TestPairs() {
    }

    public static PositivePair pair(String anchorId, String positiveId, byte[] anchorPng, byte[] positivePng,
                                    PairStrategy strategy, List<String> hints, float percentile,
                                    String anchorLabel, String positiveLabel) {
        return PositivePair.newBuilder()
                .setAnchorId(anchorId)
                .setPositiveId(positiveId)
                .setStrategy(strategy)
                .setRank(1)
                .setTextSimilarity(0.9f)
                .setImageSimilarity(0.8f)
                .setCrossSimilarity(0.3f)
                .setSimilarityPercentile(percentile)
                .setModelVersion("pairstream-mini-clip@test")
                .setFalseNegativeHints(List.copyOf(hints))
                .setAnchorCaption("a photo of " + anchorLabel)
                .setPositiveCaption("a photo of " + positiveLabel)
                .setAnchorLabel(anchorLabel)
                .setPositiveLabel(positiveLabel)
                .setAnchorSource("test")
                .setPositiveSource("test")
                .setAnchorImage(anchorPng == null ? null : ByteBuffer.wrap(anchorPng))
                .setPositiveImage(positivePng == null ? null : ByteBuffer.wrap(positivePng))
                .setAnchorEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setEmittedAt(Instant.ofEpochMilli(1_700_000_000_100L))
                .build();
    }

    /** A simple pair: text-guided, no hints, percentile 50, both labelled {@code label}. */
    public static PositivePair simple(String anchorId, String positiveId, int label) {
        return pair(anchorId, positiveId, png(shape(label, anchorId.hashCode())), png(shape(label, positiveId.hashCode())),
                PairStrategy.TEXT_GUIDED, List.of(), 50f, Integer.toString(label), Integer.toString(label));
    }

    /** A 28×28 grey image of class {@code label}: a bar at a class-specific angle, jittered by {@code seed}. */
    public static BufferedImage shape(int label, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        double angle = Math.PI * label / 10;
        double cx = 14 + random.nextGaussian();
        double cy = 14 + random.nextGaussian();
        for (int t = -10; t <= 10; t++) {
            for (int w = -2; w <= 2; w++) {
                int x = (int) Math.round(cx + t * Math.cos(angle) - w * Math.sin(angle));
                int y = (int) Math.round(cy + t * Math.sin(angle) + w * Math.cos(angle));
                if (x >= 0 && x < 28 && y >= 0 && y < 28) {
                    image.getRaster().setSample(x, y, 0, 200 + random.nextInt(56));
                }
            }
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
