package io.pairstream.bench.curation;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.vector.VectorUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model that costs next to nothing: each input's vector is a pseudo-random unit vector seeded by
 * its bytes (equal inputs, equal vectors). It measures what the streaming machinery alone can do.
 */
final class ZeroCostModel implements ClipModel {

    private final int dimension;

    ZeroCostModel(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String version() {
        return "zero-cost@" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        List<Embedding> out = new ArrayList<>(encodedImages.size());
        encodedImages.forEach(image -> out.add(Embedding.of(vector(Arrays.hashCode(image)))));
        return out;
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        List<Embedding> out = new ArrayList<>(texts.size());
        texts.forEach(text -> out.add(Embedding.of(vector(Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8))))));
        return out;
    }

    private float[] vector(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return VectorUtil.l2Normalise(v);
    }

    @Override
    public void close() {
    }
}
