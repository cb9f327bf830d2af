package io.pairstream.topology.embed;

import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.ingest.DeadLetters;
import io.pairstream.topology.ingest.IncomingPair;
import io.pairstream.topology.ingest.PairDecoder;
import io.pairstream.topology.ingest.SourceRecord;
import io.pairstream.topology.ingest.Stage;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2: buffers pairs in a changelogged store and embeds them through the model in batches,
 * when {@link BatchSettings#size()} are waiting or every {@link BatchSettings#linger()}. The buffer
 * holds the original records keyed by input offset, so under {@code exactly_once_v2} a crash
 * between buffering and draining loses nothing and doubles nothing: the buffer and the input
 * offsets are restored to the same committed point.
 *
 * <p>An item the model rejects is dead-lettered alone; the rest of its batch goes on.
 */
public final class EmbedBatchProcessor implements Processor<String, IncomingPair, Object, Object> {

    private final ClipModel model;
    private final PairDecoder decoder;
    private final BatchSettings batching;
    private final String bufferStoreName;
    private final String embeddedChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Long, SourceRecord> buffer;
    private int buffered;
    /** No buffered offset is below this: drains seek here instead of walking the tombstones of earlier drains. */
    private long firstBuffered;

    public EmbedBatchProcessor(ClipModel model, PairDecoder decoder, BatchSettings batching, String bufferStoreName,
                               String embeddedChild, String deadLetterChild) {
        this.model = model;
        this.decoder = decoder;
        this.batching = batching;
        this.bufferStoreName = bufferStoreName;
        this.embeddedChild = embeddedChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.buffer = context.getStateStore(bufferStoreName);
        // After a restart the restored buffer may already hold records.
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            while (all.hasNext()) {
                long offset = all.next().key;
                firstBuffered = buffered == 0 ? offset : Math.min(firstBuffered, offset);
                buffered++;
            }
        }
        context.schedule(batching.linger(), PunctuationType.WALL_CLOCK_TIME, now -> drain());
    }

    @Override
    public void process(Record<String, IncomingPair> record) {
        SourceRecord source = record.value().source();
        buffer.put(source.offset(), source);
        buffered++;
        if (buffered >= batching.size()) {
            drain();
        }
    }

    /**
     * Embeds everything in the buffer; the store, not the counter, says what is there. Input offsets
     * only grow, so everything buffered lies at or after {@link #firstBuffered}.
     */
    private void drain() {
        List<Long> offsets = new ArrayList<>();
        List<IncomingPair> batch = new ArrayList<>();
        try (KeyValueIterator<Long, SourceRecord> all = buffer.range(firstBuffered, Long.MAX_VALUE)) {
            while (all.hasNext()) {
                KeyValue<Long, SourceRecord> entry = all.next();
                offsets.add(entry.key);
                decodeOrDeadLetter(entry.value, batch);
            }
        }
        embed(batch);
        offsets.forEach(buffer::delete);
        if (!offsets.isEmpty()) {
            firstBuffered = offsets.get(offsets.size() - 1) + 1;
        }
        buffered = 0;
    }

    /** Buffered records were valid when buffered; one that no longer decodes (e.g. its schema was deleted) is dead-lettered. */
    private void decodeOrDeadLetter(SourceRecord source, List<IncomingPair> batch) {
        try {
            batch.add(decoder.decode(source));
        } catch (PairDecoder.DecodeFailure failure) {
            deadLetter(source, failure.stage(), failure.error());
        }
    }

    private void embed(List<IncomingPair> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> images = new ArrayList<>(batch.size());
        List<String> captions = new ArrayList<>(batch.size());
        for (IncomingPair incoming : batch) {
            images.add(bytes(incoming.pair().getImage()));
            captions.add(incoming.pair().getCaption());
        }
        List<Embedding> imageVectors = model.embedImages(images);
        List<Embedding> textVectors = model.embedTexts(captions);
        String version = model.version();
        for (int i = 0; i < batch.size(); i++) {
            IncomingPair incoming = batch.get(i);
            Embedding image = imageVectors.get(i);
            Embedding text = textVectors.get(i);
            if (image.isRejected() || text.isRejected()) {
                deadLetter(incoming.source(), Stage.EMBED, image.isRejected() ? image.rejection() : text.rejection());
            } else {
                EmbeddedPair embedded = new EmbeddedPair(incoming, image.vector(), text.vector(), version);
                context.forward(new Record<>(embedded.id(), embedded, incoming.source().timestamp()), embeddedChild);
            }
        }
    }

    private void deadLetter(SourceRecord source, Stage stage, Throwable error) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(new Record<>(source.key(), DeadLetters.of(source, stage, error, now), source.timestamp()), deadLetterChild);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
