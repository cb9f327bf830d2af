package io.pairstream.trainer.batch;

import io.pairstream.schemas.records.PositivePair;
import io.pairstream.trainer.config.PositiveGuidance;
import io.pairstream.trainer.source.SourcedPair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns consumed pairs into mini-batches of {@code batchSize} distinct anchors. A record is
 * skipped (consumed, counted, not trained on) when another guidance chose its positive, when an
 * image it needs is missing or undecodable, or when its anchor is already in the batch: the
 * curation emits several positives per anchor, and the same image twice in a batch would be its
 * own negative.
 *
 * <p>Images come inline from the pair, not from a store the bridge fills from {@code pairs.raw}:
 * that store would have to hold every image a future pair might name, unbounded, and restoring it
 * after a crash would replay the whole raw topic. A pair without its images is skipped.
 */
public final class BatchAssembler {

    private final ImageFormat format;
    private final PositiveGuidance guidance;
    private final boolean needsPositiveImages;
    private final int batchSize;
    private final List<TrainingPair> pairs = new ArrayList<>();
    private final Set<String> anchors = new HashSet<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private int skipped;

    public BatchAssembler(ImageFormat format, PositiveGuidance guidance, boolean needsPositiveImages, int batchSize) {
        if (batchSize < 2) {
            throw new IllegalArgumentException("a contrastive batch needs at least 2 anchors, not " + batchSize);
        }
        this.format = format;
        this.guidance = guidance;
        this.needsPositiveImages = needsPositiveImages;
        this.batchSize = batchSize;
    }

    /** Consumes one record; returns whether it joined the batch. Must not be called once the batch is full. */
    public boolean offer(SourcedPair record) {
        if (isFull()) {
            throw new IllegalStateException("the batch is full; drain it first");
        }
        positions.merge(record.partition(), record.offset() + 1, Math::max);
        Optional<TrainingPair> pair = toTrainingPair(record.pair());
        if (pair.isEmpty() || !anchors.add(pair.get().anchorId())) {
            skipped++;
            return false;
        }
        pairs.add(pair.get());
        return true;
    }

    public boolean isFull() {
        return pairs.size() == batchSize;
    }

    /** The full batch; the assembler starts on the next one. */
    public MiniBatch drain() {
        if (!isFull()) {
            throw new IllegalStateException("the batch holds " + pairs.size() + " of " + batchSize + " anchors");
        }
        MiniBatch batch = new MiniBatch(pairs, positions, skipped);
        pairs.clear();
        anchors.clear();
        positions.clear();
        skipped = 0;
        return batch;
    }

    private Optional<TrainingPair> toTrainingPair(PositivePair pair) {
        if (pair == null || !guidance.accepts(pair.getStrategy())) {
            return Optional.empty();
        }
        Optional<float[]> anchor = format.decode(bytes(pair.getAnchorImage()));
        Optional<float[]> positive = needsPositiveImages ? format.decode(bytes(pair.getPositiveImage())) : Optional.empty();
        if (anchor.isEmpty() || (needsPositiveImages && positive.isEmpty())) {
            return Optional.empty();
        }
        Set<String> hints = new HashSet<>();
        pair.getFalseNegativeHints().forEach(id -> hints.add(id.toString()));
        return Optional.of(new TrainingPair(pair.getAnchorId().toString(), pair.getPositiveId().toString(),
                anchor.get(), positive.orElse(null), hints, pair.getSimilarityPercentile(),
                text(pair.getAnchorLabel()), text(pair.getPositiveLabel())));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static String text(CharSequence value) {
        return value == null ? null : value.toString();
    }
}
