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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: buffers pairs in a changelogged store and embeds them through the model in batches,
 * when {@link BatchSettings#size()} are waiting or every {@link BatchSettings#linger()}. The buffer
 * holds the original records keyed by input offset, and a record leaves it only in the same
 * transaction that forwards its embedding, so under {@code exactly_once_v2} a crash anywhere
 * loses nothing and doubles nothing: the buffer and the input offsets are restored to the same
 * committed point, and whatever the buffer holds then is embedded again. The embedded pairs of a
 * batch go on together as one {@link EmbeddedBatch}, so the store is searched once per batch.
 *
 * <p>With {@link BatchSettings#pipelined()} the model embeds batches on its own thread while the
 * stream thread forwards earlier ones, in input order: a full batch goes to the model before
 * finished ones are forwarded, and a batch is forwarded once it is done and a record or a linger
 * tick comes (though not while the model would idle for it as the next batch fills in a burst), or,
 * waited for, when two more are in flight behind it. When the
 * oldest waiting record has waited a linger, what waits is embedded and everything is forwarded. An item the model rejects is
 * dead-lettered alone; the rest of its batch goes on.
 */
public final class EmbedBatchProcessor implements Processor<String, IncomingPair, Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedBatchProcessor.class);

    /** Batches that may be in flight on the model thread when a full batch comes. */
    private static final int MAX_IN_FLIGHT = 2;
    /**
     * How long finished batches may be held while the next one fills for an idle model: in a burst
     * the records of the next batch already wait in the task's queue and fill it at once, and a
     * stream slower than this is not held up.
     */
    private static final long FILLING_GRACE_NANOS = 10_000_000L;

    /** A batch handed to the model: its buffer offsets, its pairs, and their embeddings to come. */
    private record PendingBatch(List<Long> offsets, List<IncomingPair> pairs, Future<ModelRunner.Embeddings> embeddings) {
    }

    private final ClipModel model;
    private final PairDecoder decoder;
    private final BatchSettings batching;
    private final String bufferStoreName;
    private final String embeddedChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Long, SourceRecord> buffer;
    private ModelRunner runner;
    /** Batches handed to the model and not yet forwarded, oldest first. */
    private final Deque<PendingBatch> inFlight = new ArrayDeque<>();
    private int waiting;
    private long awaitedNanos;
    private long startNanos;
    /** Wall-clock time the oldest waiting record arrived (or the task started with some waiting). */
    private long waitingSince;
    /** {@link System#nanoTime()} when the oldest waiting record arrived. */
    private long fillingSinceNanos;
    /** Buffered records from this offset on wait for a batch; those below it are pending (or gone): batches seek here. */
    private long firstWaiting;

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
        this.startNanos = System.nanoTime();
        this.runner = new ModelRunner(model, batching.pipelined() ? "pairstream-model-" + context.taskId() : null);
        // After a restart the restored buffer may already hold records, including any that were pending.
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            while (all.hasNext()) {
                long offset = all.next().key;
                firstWaiting = waiting == 0 ? offset : Math.min(firstWaiting, offset);
                waiting++;
            }
        }
        waitingSince = context.currentSystemTimeMs();
        context.schedule(batching.linger(), PunctuationType.WALL_CLOCK_TIME, this::linger);
    }

    @Override
    public void process(Record<String, IncomingPair> record) {
        SourceRecord source = record.value().source();
        buffer.put(source.offset(), source);
        if (waiting++ == 0) {
            waitingSince = context.currentSystemTimeMs();
            fillingSinceNanos = System.nanoTime();
        }
        // The model first: a full batch goes to it before the stream thread takes on finished ones.
        if (waiting >= batching.size()) {
            startBatch();
        }
        forwardFinished(true);
        // One batch may wait on the model thread behind the one it embeds, so the model is not idle while
        // the stream thread forwards; beyond that the stream thread waits for the model.
        while (inFlight.size() > (batching.pipelined() ? MAX_IN_FLIGHT : 0)) {
            forward(inFlight.poll());
        }
    }

    /**
     * The linger tick: forwards the batches the model has finished. Once the oldest waiting record
     * has waited a whole linger the stream is slow, so the stream thread can afford to wait: it
     * embeds what waits and forwards everything in flight.
     */
    private void linger(long now) {
        forwardFinished(false);
        // The store, not the counter, says what waits: records restored into it count from the task's start.
        if (now - waitingSince < batching.linger().toMillis()) {
            return;
        }
        startBatch();
        while (!inFlight.isEmpty()) {
            forward(inFlight.poll());
        }
    }

    /**
     * Forwards, in order, the batches at the head of the queue that the model has finished. With
     * {@code mayHold}, not while the model has nothing else to embed and the next batch is filling
     * fast: forwarding a batch takes the stream thread about as long as the model takes to embed
     * one, and no record can join the next batch meanwhile, so forwarding first would leave the
     * model idle for that long. Records that arrive slower than {@link #FILLING_GRACE_NANOS} are
     * not held for.
     */
    private void forwardFinished(boolean mayHold) {
        while (!inFlight.isEmpty() && inFlight.peek().embeddings().isDone() && !(mayHold && fillingForIdleModel())) {
            forward(inFlight.poll());
        }
    }

    /** Whether the model has finished everything handed to it while the next batch has been filling for less than the grace. */
    private boolean fillingForIdleModel() {
        if (!batching.pipelined() || waiting == 0 || System.nanoTime() - fillingSinceNanos >= FILLING_GRACE_NANOS) {
            return false;
        }
        for (PendingBatch batch : inFlight) {
            if (!batch.embeddings().isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands every waiting record to the model; the store, not the counter, says what is there.
     * Input offsets only grow, so everything waiting lies at or after {@link #firstWaiting}.
     */
    private void startBatch() {
        List<Long> offsets = new ArrayList<>();
        List<IncomingPair> batch = new ArrayList<>();
        long last = -1;
        try (KeyValueIterator<Long, SourceRecord> all = buffer.range(firstWaiting, Long.MAX_VALUE)) {
            while (all.hasNext()) {
                KeyValue<Long, SourceRecord> entry = all.next();
                last = entry.key;
                if (decodeOrDeadLetter(entry.value, batch)) {
                    offsets.add(entry.key);
                } else {
                    buffer.delete(entry.key);
                }
            }
        }
        if (last >= 0) {
            firstWaiting = last + 1;
        }
        waiting = 0;
        waitingSince = context.currentSystemTimeMs();
        if (!batch.isEmpty()) {
            List<byte[]> images = new ArrayList<>(batch.size());
            List<String> captions = new ArrayList<>(batch.size());
            for (IncomingPair incoming : batch) {
                images.add(bytes(incoming.pair().getImage()));
                captions.add(incoming.pair().getCaption());
            }
            inFlight.add(new PendingBatch(offsets, batch, runner.submit(images, captions)));
        }
    }

    /** Buffered records were valid when buffered; one that no longer decodes (e.g. its schema was deleted) is dead-lettered. */
    private boolean decodeOrDeadLetter(SourceRecord source, List<IncomingPair> batch) {
        try {
            batch.add(decoder.decode(source));
            return true;
        } catch (PairDecoder.DecodeFailure failure) {
            deadLetter(source, failure.stage(), failure.error());
            return false;
        }
    }

    /** Waits for the batch's embeddings, forwards them and removes the batch from the buffer, all in the current transaction. */
    private void forward(PendingBatch batch) {
        if (batch == null) {
            return;
        }
        long start = System.nanoTime();
        ModelRunner.Embeddings embeddings = ModelRunner.await(batch.embeddings());
        awaitedNanos += System.nanoTime() - start;
        String version = model.version();
        List<EmbeddedPair> embedded = new ArrayList<>(batch.pairs().size());
        long timestamp = 0;
        for (int i = 0; i < batch.pairs().size(); i++) {
            IncomingPair incoming = batch.pairs().get(i);
            Embedding image = embeddings.images().get(i);
            Embedding text = embeddings.texts().get(i);
            if (image.isRejected() || text.isRejected()) {
                deadLetter(incoming.source(), Stage.EMBED, image.isRejected() ? image.rejection() : text.rejection());
            } else {
                embedded.add(new EmbeddedPair(incoming, image.vector(), text.vector(), version));
                timestamp = Math.max(timestamp, incoming.source().timestamp());
            }
        }
        if (!embedded.isEmpty()) {
            context.forward(new Record<>(null, new EmbeddedBatch(embedded), timestamp), embeddedChild);
        }
        batch.offsets().forEach(buffer::delete);
    }

    private void deadLetter(SourceRecord source, Stage stage, Throwable error) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(new Record<>(source.key(), DeadLetters.of(source, stage, error, now), source.timestamp()), deadLetterChild);
    }

    /** Batches in flight are abandoned: their records are still buffered, so the next owner of the task embeds them. */
    @Override
    public void close() {
        if (runner != null) {
            LOG.info("Embedded {} batches in {} s ({} s of its CPU) on the model thread; the stream thread waited {} s for them over {} s",
                    runner.batches(), seconds(runner.busyNanos()), seconds(runner.cpuNanos()), seconds(awaitedNanos),
                    seconds(System.nanoTime() - startNanos));
            runner.close();
        }
        inFlight.clear();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
