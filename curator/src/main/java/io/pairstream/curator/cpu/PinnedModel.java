package io.pairstream.curator.cpu;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.ForwardingClipModel;
import java.util.List;

/** A model that moves each thread embedding through it to the model cores, once, before its first batch. */
final class PinnedModel extends ForwardingClipModel {

    private final ModelCores cores;
    private final boolean owned;
    private final ThreadLocal<Boolean> pinned = ThreadLocal.withInitial(() -> false);

    /** {@code owned}: closing this closes the model and gives the threads their cores back. */
    PinnedModel(ClipModel model, ModelCores cores, boolean owned) {
        super(model);
        this.cores = cores;
        this.owned = owned;
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        pinCallingThread();
        return super.embedImages(encodedImages);
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        pinCallingThread();
        return super.embedTexts(texts);
    }

    private void pinCallingThread() {
        if (!pinned.get()) {
            cores.pinCallingThread();
            pinned.set(true);
        }
    }

    @Override
    public void close() {
        if (owned) {
            try {
                delegate().close();
            } finally {
                cores.close();
            }
        }
    }
}
