package io.pairstream.topology.quality;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards each record unchanged to all its children: an output topic's sink and the quality stage,
 * so the figures are computed from exactly what was written.
 */
public final class QualityTap<K, V> implements Processor<K, V, K, V> {

    private ProcessorContext<K, V> context;

    @Override
    public void init(ProcessorContext<K, V> context) {
        this.context = context;
    }

    @Override
    public void process(Record<K, V> record) {
        context.forward(record);
    }
}
