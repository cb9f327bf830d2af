package io.pairstream.curator.cpu;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.ForwardingClipModel;
import java.util.List;

/** A model that places each thread embedding through it as a model thread, once, before its first batch. */
final class PlacedModel extends ForwardingClipModel {

    private final ModelPlacement placement;
    private final boolean owned;
    private final ThreadLocal<Boolean> placed = ThreadLocal.withInitial(() -> false);

    /** {@code owned}: closing this closes the model and undoes the placement. */
    PlacedModel(ClipModel model, ModelPlacement placement, boolean owned) {
        super(model);
        this.placement = placement;
        this.owned = owned;
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        placeCallingThread();
        return super.embedImages(encodedImages);
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        placeCallingThread();
        return super.embedTexts(texts);
    }

    @Override
    public void feederStarted() {
        placement.feederStarted();
        super.feederStarted();
    }

    private void placeCallingThread() {
        if (!placed.get()) {
            placement.modelThreadStarted();
            placed.set(true);
        }
    }

    @Override
    public void close() {
        if (owned) {
            try {
                delegate().close();
            } finally {
                placement.close();
            }
        }
    }
}
