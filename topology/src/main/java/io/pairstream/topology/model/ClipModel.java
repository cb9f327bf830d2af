package io.pairstream.topology.model;

import java.util.List;

/**
 * A CLIP-style dual encoder as the topology sees it: images and texts mapped into one
 * L2-normalised embedding space. Implementations live outside the topology (DJL in the curator);
 * the topology depends only on this interface so tests can substitute a deterministic model.
 *
 * <p>Batch methods return one {@link Embedding} per input, in input order. A bad input (undecodable
 * image, empty caption, ...) yields a rejected embedding for that item only; the rest of the batch
 * is still embedded. Implementations must be thread-safe.
 */
public interface ClipModel extends AutoCloseable {

    /** Name plus a hash of the weights, e.g. {@code pairstream-mini-clip@3f2a9c1e}; stored with every vector. */
    String version();

    /** Length of every vector this model returns. */
    int dimension();

    /** Embeds encoded images (PNG, JPEG, ... as stored in a record). */
    List<Embedding> embedImages(List<byte[]> encodedImages);

    /** Embeds captions. */
    List<Embedding> embedTexts(List<String> texts);

    /**
     * Called on a thread that will hand this model batches for another thread to embed (a stream
     * thread whose batches a model thread embeds), before its first batch; the service places that
     * thread against the model's. By default nothing happens.
     */
    default void feederStarted() {
    }

    @Override
    void close();
}
