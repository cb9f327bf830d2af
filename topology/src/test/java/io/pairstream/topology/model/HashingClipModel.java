package io.pairstream.topology.model;

import io.pairstream.topology.vector.VectorUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small deterministic stand-in for a CLIP model in topology tests: a caption embeds as a hashed
 * bag of its words, an image as a hashed bag of its bytes. It rejects what a real model rejects
 * (empty captions, images it cannot decode: here, bytes starting with 'X') item by item, and
 * records its batch sizes so tests can see batching.
 */
public class HashingClipModel implements ClipModel {

    public static final int DIMENSION = 16;

    private final List<Integer> imageBatchSizes = new ArrayList<>();

    @Override
    public String version() {
        return "hashing-test-model@1";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public synchronized List<Embedding> embedImages(List<byte[]> encodedImages) {
        imageBatchSizes.add(encodedImages.size());
        List<Embedding> out = new ArrayList<>();
        for (byte[] image : encodedImages) {
            if (image.length == 0 || image[0] == 'X') {
                out.add(Embedding.rejected(new InputRejectedException(InputRejectedException.Reason.UNDECODABLE_IMAGE, "not an image")));
            } else {
                float[] v = new float[DIMENSION];
                for (byte b : image) {
                    v[Math.floorMod(b * 31, DIMENSION)] += 1;
                }
                out.add(Embedding.of(VectorUtil.l2Normalise(v)));
            }
        }
        return out;
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        List<Embedding> out = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                out.add(Embedding.rejected(new InputRejectedException(InputRejectedException.Reason.EMPTY_TEXT, "caption is empty")));
                continue;
            }
            float[] v = new float[DIMENSION];
            for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                v[Math.floorMod(Arrays.hashCode(word.getBytes(StandardCharsets.UTF_8)), DIMENSION)] += 1;
            }
            out.add(Embedding.of(VectorUtil.l2Normalise(v)));
        }
        return out;
    }

    public synchronized List<Integer> imageBatchSizes() {
        return List.copyOf(imageBatchSizes);
    }

    @Override
    public void close() {
    }
}
