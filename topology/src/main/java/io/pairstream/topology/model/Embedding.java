package io.pairstream.topology.model;

import java.util.Objects;

/** The outcome of embedding one input: an L2-normalised vector, or the reason the input was rejected. */
public final class Embedding {

    private final float[] vector;
    private final InputRejectedException rejection;

    private Embedding(float[] vector, InputRejectedException rejection) {
        this.vector = vector;
        this.rejection = rejection;
    }

    public static Embedding of(float[] vector) {
        return new Embedding(Objects.requireNonNull(vector, "vector cannot be null"), null);
    }

    public static Embedding rejected(InputRejectedException rejection) {
        return new Embedding(null, Objects.requireNonNull(rejection, "rejection cannot be null"));
    }

    public boolean isRejected() {
        return rejection != null;
    }

    /** The vector; throws the rejection if the input was rejected. */
    public float[] vector() {
        if (rejection != null) {
            throw rejection;
        }
        return vector;
    }

    /** The rejection, or {@code null} when the input was embedded. */
    public InputRejectedException rejection() {
        return rejection;
    }
}
