package io.pairstream.curator.model;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.InputRejectedException;
import io.pairstream.topology.model.InputRejectedException.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ClipModel} from an image tower and a text tower that share one embedding space. Inputs are
 * checked one by one first; the valid ones are embedded as one batch, and if that batch fails
 * each of its items is retried alone, so a bad item is rejected without failing the others.
 */
public final class DjlClipModel implements ClipModel {

    private final String version;
    private final ImageEncoder images;
    private final OnnxTextEncoder texts;
    private final ImageDecoder decoder;
    private final int maxCaptionChars;

    /** Takes ownership of both towers; they are closed with this model. */
    public DjlClipModel(String version, ImageEncoder images, OnnxTextEncoder texts, InputLimits limits) {
        this.version = Objects.requireNonNull(version, "version cannot be null");
        this.images = Objects.requireNonNull(images, "images cannot be null");
        this.texts = Objects.requireNonNull(texts, "texts cannot be null");
        if (images.dimension() != texts.dimension()) {
            throw new IllegalArgumentException("image tower gives " + images.dimension()
                    + "-d vectors but text tower " + texts.dimension() + "-d");
        }
        this.decoder = new ImageDecoder(limits.maxImagePixels());
        this.maxCaptionChars = limits.maxCaptionChars();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int dimension() {
        return texts.dimension();
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        return embed(encodedImages, decoder::decode, images::embed);
    }

    @Override
    public List<Embedding> embedTexts(List<String> captions) {
        return embed(captions, this::checkCaption, texts::embed);
    }

    private String checkCaption(String caption) {
        if (caption == null || caption.isBlank()) {
            throw new InputRejectedException(Reason.EMPTY_TEXT, "caption is empty");
        }
        if (caption.length() > maxCaptionChars) {
            throw new InputRejectedException(Reason.TEXT_TOO_LONG,
                    caption.length() + " characters, more than the limit of " + maxCaptionChars);
        }
        int tokens = texts.tokenCount(caption);
        if (tokens > texts.contextLength()) {
            throw new InputRejectedException(Reason.TEXT_TOO_LONG,
                    tokens + " tokens, more than the model's context of " + texts.contextLength());
        }
        return caption;
    }

    private static <I, V> List<Embedding> embed(List<I> inputs, Function<I, V> check, Function<List<V>, float[][]> tower) {
        Embedding[] results = new Embedding[inputs.size()];
        List<V> valid = new ArrayList<>(inputs.size());
        List<Integer> positions = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                valid.add(check.apply(inputs.get(i)));
                positions.add(i);
            } catch (InputRejectedException e) {
                results[i] = Embedding.rejected(e);
            }
        }
        if (!valid.isEmpty()) {
            try {
                float[][] vectors = tower.apply(valid);
                for (int k = 0; k < vectors.length; k++) {
                    results[positions.get(k)] = Embedding.of(vectors[k]);
                }
            } catch (RuntimeException batchFailure) {
                for (int k = 0; k < valid.size(); k++) {
                    results[positions.get(k)] = embedAlone(valid.get(k), tower);
                }
            }
        }
        return Arrays.asList(results);
    }

    private static <V> Embedding embedAlone(V input, Function<List<V>, float[][]> tower) {
        try {
            return Embedding.of(tower.apply(List.of(input))[0]);
        } catch (RuntimeException e) {
            return Embedding.rejected(new InputRejectedException(Reason.MODEL_FAILURE, String.valueOf(e.getMessage()), e));
        }
    }

    /** Closes the image tower, then the text tower. */
    @Override
    public void close() {
        try {
            images.close();
        } finally {
            texts.close();
        }
    }
}
