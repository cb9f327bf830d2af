package io.pairstream.topology.select;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.topology.clock.StageClock;
import io.pairstream.topology.config.PositiveStrategy;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.quality.QualityEvent;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 4: selects the anchor's positives from the vector store and emits each as a
 * {@link PositivePair} to the {@code positives} child; then hands the anchor to the {@code insert}
 * child, so that it becomes a candidate only for later samples.
 */
public final class SelectProcessor implements Processor<String, SearchedPair, Object, Object> {

    private final String storeName;
    private final String ledgerName;
    private final SelectionSettings settings;
    private final QualitySettings quality;
    private final PositiveSelector selector;
    private final String positivesChild;
    private final String insertChild;
    private final String qualityChild;
    private final StageClock clock;
    private final Map<PositiveStrategy, SimilarityPercentiles> percentiles = new EnumMap<>(PositiveStrategy.class);
    private ProcessorContext<Object, Object> context;
    private VectorStore store;
    private HubnessLedger ledger;

    /** {@code clock} stamps the positive pairs as they are emitted. */
    public SelectProcessor(String storeName, String ledgerName, String textField, String imageField, SelectionSettings settings,
                           QualitySettings quality, String positivesChild, String insertChild, String qualityChild, StageClock clock) {
        this.storeName = storeName;
        this.clock = clock;
        this.ledgerName = ledgerName;
        this.settings = settings;
        this.quality = quality;
        this.selector = new PositiveSelector(settings, textField, imageField);
        this.positivesChild = positivesChild;
        this.insertChild = insertChild;
        this.qualityChild = qualityChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.ledger = new HubnessLedger(context.getStateStore(ledgerName), settings.hubnessWindow());
        settings.strategies().forEach(s -> percentiles.put(s, new SimilarityPercentiles(quality.percentileHistory())));
    }

    @Override
    public void process(Record<String, SearchedPair> record) {
        EmbeddedPair anchor = record.value().pair();
        Selection selection = selector.select(record.value(), store, ledger);
        Instant now = Instant.ofEpochMilli(clock.wallClockMillis());
        for (ChosenPositive chosen : selection.positives()) {
            PositivePair pair = pair(anchor, chosen, now);
            context.forward(record.withKey(anchor.id() + "|" + chosen.positive().id()).withValue(pair), positivesChild);
        }
        context.forward(record.withValue(new QualityEvent.Selected(selection.examined(), selection.nearDuplicates(),
                selection.recallHits(), selection.recallSampled())), qualityChild);
        context.forward(record, insertChild);
    }

    private PositivePair pair(EmbeddedPair anchor, ChosenPositive chosen, Instant now) {
        ImageTextPair incoming = anchor.incoming().pair();
        VectorItem positive = chosen.positive();
        SamplePayload payload = SamplePayload.decode(positive.payload());
        return PositivePair.newBuilder()
                .setAnchorId(anchor.id())
                .setPositiveId(positive.id())
                .setStrategy(chosen.strategy().recorded())
                .setRank(chosen.rank())
                .setTextSimilarity(chosen.textSimilarity())
                .setImageSimilarity(chosen.imageSimilarity())
                .setCrossSimilarity(chosen.crossSimilarity())
                .setSimilarityPercentile(percentiles.get(chosen.strategy()).rankAndAdd(chosen.guidingSimilarity()))
                .setModelVersion(anchor.modelVersion())
                .setFalseNegativeHints(chosen.falseNegativeHints())
                .setAnchorCaption(incoming.getCaption())
                .setPositiveCaption(payload.caption())
                .setAnchorLabel(incoming.getLabel())
                .setPositiveLabel(positive.metadata().label())
                .setAnchorSource(incoming.getSource())
                .setPositiveSource(positive.metadata().source())
                .setAnchorImage(settings.inlineImages() ? incoming.getImage() : null)
                .setPositiveImage(settings.inlineImages() && payload.image() != null ? ByteBuffer.wrap(payload.image()) : null)
                .setAnchorEventTime(incoming.getEventTime())
                .setEmittedAt(now)
                .build();
    }
}
