package io.pairstream.topology.quality;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 6: pair-quality figures per partition and wall-clock window, emitted as one
 * {@link PairQualityWindow} per window that saw anything. It sees what is written to the dead-letter, rejected and positive topics, and the other stages'
 * {@link QualityEvent}s. Figures of a window that a crash interrupts are lost; the records are not.
 */
public final class QualityWindowProcessor implements Processor<Object, Object, String, PairQualityWindow> {

    private final Duration window;
    private final String modelVersion;
    private ProcessorContext<String, PairQualityWindow> context;
    private QualityWindow current;

    public QualityWindowProcessor(Duration window, String modelVersion) {
        this.window = window;
        this.modelVersion = modelVersion;
    }

    @Override
    public void init(ProcessorContext<String, PairQualityWindow> context) {
        this.context = context;
        this.current = new QualityWindow(context.currentSystemTimeMs(), 0);
        context.schedule(window, PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<Object, Object> record) {
        Object value = record.value();
        if (value instanceof QualityEvent.Received) {
            current.recordIn();
        } else if (value instanceof DeadLetter) {
            current.deadLettered();
        } else if (value instanceof RejectedPair) {
            current.rejected();
        } else if (value instanceof PositivePair pair) {
            current.emitted(pair, record.timestamp());
        } else if (value instanceof QualityEvent.Aligned aligned) {
            current.aligned(aligned);
        } else if (value instanceof QualityEvent.Selected selected) {
            current.selected(selected);
        } else if (value instanceof QualityEvent.Stored stored) {
            current.stored(stored);
        } else {
            throw new IllegalArgumentException("the quality stage cannot count " + value);
        }
    }

    private void emit(long now) {
        if (!current.isEmpty()) {
            int partition = context.taskId().partition();
            context.forward(new Record<>(modelVersion + "/" + partition, current.close(now, partition, modelVersion), now));
        }
        current = new QualityWindow(now, current.storeSize());
    }
}
