package io.pairstream.topology.align;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.topology.clock.StageClock;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.quality.QualityEvent;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.VectorStore;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 3: the alignment check. An accepted pair goes on to the {@code accepted} child; a pair
 * judged mismatched goes to the {@code rejected} child as a {@link RejectedPair} and is neither
 * stored nor used as a positive. Every judgement is reported to the {@code quality} child.
 */
public final class AlignmentProcessor implements Processor<String, SearchedPair, Object, Object> {

    private final String storeName;
    private final AlignmentJudge judge;
    private final AlignmentSettings settings;
    private final String acceptedChild;
    private final String rejectedChild;
    private final String qualityChild;
    private final StageClock clock;
    private ProcessorContext<Object, Object> context;
    private VectorStore store;

    /** {@code clock} stamps rejected pairs. */
    public AlignmentProcessor(String storeName, AlignmentSettings settings, String acceptedChild, String rejectedChild,
                              String qualityChild, StageClock clock) {
        this.storeName = storeName;
        this.clock = clock;
        this.judge = new AlignmentJudge(settings);
        this.settings = settings;
        this.acceptedChild = acceptedChild;
        this.rejectedChild = rejectedChild;
        this.qualityChild = qualityChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SearchedPair> record) {
        SearchedPair searched = record.value();
        AlignmentVerdict verdict = judge.judge(searched, store);
        context.forward(record.withValue(new QualityEvent.Aligned(verdict.score(), !verdict.accepted())), qualityChild);
        if (verdict.accepted()) {
            context.forward(record, acceptedChild);
        } else {
            context.forward(record.withValue(rejection(searched.pair(), verdict)), rejectedChild);
        }
    }

    private RejectedPair rejection(EmbeddedPair embedded, AlignmentVerdict verdict) {
        ImageTextPair pair = embedded.incoming().pair();
        return RejectedPair.newBuilder()
                .setPairId(pair.getId())
                .setReason(verdict.reason())
                .setDetail(verdict.detail())
                .setAlignmentScore(verdict.score())
                .setAlignmentThreshold((float) settings.minScore())
                .setCaptionRank(verdict.captionRank())
                .setCaption(pair.getCaption())
                .setLabel(pair.getLabel())
                .setSource(pair.getSource())
                .setModelVersion(embedded.modelVersion())
                .setEventTime(pair.getEventTime())
                .setRejectedAt(Instant.ofEpochMilli(clock.wallClockMillis()))
                .build();
    }
}
