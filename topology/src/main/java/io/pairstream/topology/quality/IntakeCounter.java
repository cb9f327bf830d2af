package io.pairstream.topology.quality;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Tells the quality stage of every input record, before anything can fail on it. */
public final class IntakeCounter implements Processor<byte[], byte[], Object, Object> {

    private static final QualityEvent.Received RECEIVED = new QualityEvent.Received();

    private ProcessorContext<Object, Object> context;

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        context.forward(record.withValue(RECEIVED));
    }
}
