package io.pairstream.topology.model;

import io.pairstream.topology.vector.VectorUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic stand-in for a CLIP model whose image and text spaces agree, for tests of
 * alignment and selection: an image is the UTF-8 text {@code concept:variant} (e.g. {@code cat:3})
 * and embeds near its concept's direction; a caption embeds as the mean direction of the concepts
 * it names, with a little noise per wording. So a cat image matches "a photo of a cat" well, "a
 * dog" not at all, and "a cat and a dog" half-way; two images with the same bytes are identical.
 */
public final class ConceptClipModel implements ClipModel {

    public static final int DIMENSION = 32;
    private static final Set<String> FILLER = Set.of("a", "an", "the", "photo", "of", "and", "picture", "small");
    private static final float IMAGE_NOISE = 0.25f;
    private static final float TEXT_NOISE = 0.1f;

    @Override
    public String version() {
        return "concept-test-model@1";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        List<Embedding> out = new ArrayList<>();
        for (byte[] image : encodedImages) {
            String[] parts = new String(image, StandardCharsets.UTF_8).split(":");
            if (parts.length != 2) {
                out.add(Embedding.rejected(new InputRejectedException(InputRejectedException.Reason.UNDECODABLE_IMAGE,
                        "not concept:variant")));
                continue;
            }
            float[] v = direction(parts[0]);
            add(v, direction("image-noise " + parts[0] + ":" + parts[1]), IMAGE_NOISE);
            out.add(Embedding.of(VectorUtil.l2Normalise(v)));
        }
        return out;
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        List<Embedding> out = new ArrayList<>();
        for (String text : texts) {
            float[] v = new float[DIMENSION];
            int concepts = 0;
            for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!word.isEmpty() && !FILLER.contains(word)) {
                    add(v, direction(word), 1);
                    concepts++;
                }
            }
            if (concepts == 0) {
                out.add(Embedding.rejected(new InputRejectedException(InputRejectedException.Reason.EMPTY_TEXT, "names nothing")));
                continue;
            }
            add(v, direction("text-noise " + text), TEXT_NOISE * concepts);
            out.add(Embedding.of(VectorUtil.l2Normalise(v)));
        }
        return out;
    }

    /** A fixed random unit direction per name. */
    private static float[] direction(String name) {
        Random random = new Random(name.hashCode());
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorUtil.l2Normalise(v);
    }

    private static void add(float[] target, float[] v, float weight) {
        for (int i = 0; i < target.length; i++) {
            target[i] += weight * v[i];
        }
    }

    @Override
    public void close() {
    }
}
