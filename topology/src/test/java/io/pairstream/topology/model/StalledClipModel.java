package io.pairstream.topology.model;

import java.util.List;

/**
 * A model that never finishes a batch: its calls block until interrupted. Stands in for a model
 * thread busy when the app is killed, so a crash test can catch a batch in flight.
 */
public final class StalledClipModel extends ForwardingClipModel {

    /** Reports the version and dimension of {@code shape}, so the topology is built as for it. */
    public StalledClipModel(ClipModel shape) {
        super(shape);
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        return stall();
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        return stall();
    }

    private static List<Embedding> stall() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the stalled model was interrupted");
    }
}
