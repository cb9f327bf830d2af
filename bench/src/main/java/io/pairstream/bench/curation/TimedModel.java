package io.pairstream.bench.curation;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.model.ForwardingClipModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A model that counts the wall time spent inside it, so a benchmark can tell how much of a run
 * the model was embedding and how much it waited for work. Closing it leaves the model open.
 */
final class TimedModel extends ForwardingClipModel {

    private final AtomicLong busyNanos = new AtomicLong();

    TimedModel(ClipModel model) {
        super(model);
    }

    /** Wall time spent embedding so far, summed over calls. */
    long busyNanos() {
        return busyNanos.get();
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        return timed(() -> super.embedImages(encodedImages));
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        return timed(() -> super.embedTexts(texts));
    }

    private List<Embedding> timed(Supplier<List<Embedding>> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            busyNanos.addAndGet(System.nanoTime() - start);
        }
    }
}
