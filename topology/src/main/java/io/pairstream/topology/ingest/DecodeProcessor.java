package io.pairstream.topology.ingest;

import io.pairstream.topology.clock.StageClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stage 1: decodes and validates each raw record. A valid pair goes to the {@code valid} child
 * keyed by its id; anything else goes to the {@code deadLetters} child as a dead letter keyed by the
 * original key bytes, and processing continues.
 */
public final class DecodeProcessor implements Processor<byte[], byte[], Object, Object> {

    private final PairDecoder decoder;
    private final String validChild;
    private final String deadLetterChild;
    private final StageClock clock;
    private ProcessorContext<Object, Object> context;

    /** {@code clock} stamps dead letters. */
    public DecodeProcessor(PairDecoder decoder, String validChild, String deadLetterChild, StageClock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.validChild = validChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourceRecord source = sourceOf(record, context.recordMetadata().orElseThrow());
        try {
            IncomingPair incoming = decoder.decode(source);
            context.forward(record.withKey(incoming.pair().getId()).withValue(incoming), validChild);
        } catch (PairDecoder.DecodeFailure failure) {
            Instant now = Instant.ofEpochMilli(clock.wallClockMillis());
            context.forward(record.withValue(DeadLetters.of(source, failure.stage(), failure.error(), now)), deadLetterChild);
        }
    }

    static SourceRecord sourceOf(Record<byte[], byte[]> record, RecordMetadata metadata) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new SourceRecord(record.key(), record.value(), headers, metadata.topic(), metadata.partition(), metadata.offset(), record.timestamp());
    }
}
