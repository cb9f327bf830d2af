package io.pairstream.topology.embed;

import io.pairstream.topology.clock.StageClock;
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
 * tick comes, or, waited for, when two more are in flight behind it. While the model has no batch
 * queued behind the one it embeds, the next batch is filled first if, at the pace its records
 * have come, that takes no longer than forwarding one does: in a burst its records already wait in
 * the task's queue, and forwarding first left the model idle. When the oldest waiting record has
 * waited a linger, what waits is embedded and everything is forwarded. An item the model rejects
 * is dead-lettered alone; the rest of its batch goes on.
 *
 * <p>How long records have waited is read from the {@link StageClock}, not from the task's
 * wall-clock time, which a run of the task that waited on the model leaves a linger behind: timed by
 * it, a burst's records looked a linger old at the next tick, and everything in flight was forwarded
 * with the model left idle, once or twice a second.
 */
public final class EmbedBatchProcessor implements Processor<String, IncomingPair, Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedBatchProcessor.class);

    /** Batches that may be in flight on the model thread when a full batch comes. */
    private static final int MAX_IN_FLIGHT = 2;
    /** The weight of the latest forward in the running estimate of how long one takes. */
    private static final double FORWARD_ESTIMATE_WEIGHT = 0.125;

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
    private final StageClock clock;
    private int waiting;
    private long awaitedNanos;
    /** A running estimate of how long forwarding a finished batch takes, in {@link StageClock#nanoTime}. */
    private double forwardNanos;
    /** Time spent forwarding since the oldest waiting record arrived, left out of the pace the waiting records came at. */
    private long forwardedWhileWaitingNanos;
    /** Linger ticks that found records waiting or batches in flight, embedded the one and forwarded everything. */
    private long lingerDrains;
    private long startNanos;
    /** When the oldest waiting record arrived (or the task started with some waiting), in {@link StageClock#nanoTime}. */
    private long oldestWaitingNanos;
    /** When the last batch was handed to the model (or the task started), in {@link StageClock#nanoTime}. */
    private long lastBatchNanos;
    /** Buffered records from this offset on wait for a batch; those below it are pending (or gone): batches seek here. */
    private long firstWaiting;

    /** {@code clock} times the linger, the pace records come at and forwards, and stamps dead letters. */
    public EmbedBatchProcessor(ClipModel model, PairDecoder decoder, BatchSettings batching, String bufferStoreName,
                               String embeddedChild, String deadLetterChild, StageClock clock) {
        this.model = model;
        this.clock = clock;
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
        this.lastBatchNanos = clock.nanoTime();
        this.oldestWaitingNanos = lastBatchNanos;
        this.runner = new ModelRunner(model, batching.pipelined() ? "pairstream-model-" + context.taskId() : null);
        // After a restart the restored buffer may already hold records, including any that were pending.
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            while (all.hasNext()) {
                long offset = all.next().key;
                firstWaiting = waiting == 0 ? offset : Math.min(firstWaiting, offset);
                waiting++;
            }
        }
        context.schedule(batching.linger(), PunctuationType.WALL_CLOCK_TIME, this::linger);
    }

    @Override
    public void process(Record<String, IncomingPair> record) {
        SourceRecord source = record.value().source();
        buffer.put(source.offset(), source);
        if (waiting++ == 0) {
            oldestWaitingNanos = clock.nanoTime();
            forwardedWhileWaitingNanos = 0;
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
     * embeds what waits and forwards everything in flight. The tick's own wall-clock time is not
     * used to tell how long they waited (see the class comment).
     */
    private void linger(long tickMillis) {
        forwardFinished(false);
        // The store, not the counter, says what waits: records restored into it count from the task's start.
        // With nothing waiting, what is in flight is forwarded once the last batch has been a linger on the model.
        long since = waiting > 0 ? oldestWaitingNanos : lastBatchNanos;
        if (clock.nanoTime() - since < batching.linger().toNanos()) {
            return;
        }
        lingerDrains += waiting > 0 || !inFlight.isEmpty() ? 1 : 0;
        startBatch();
        while (!inFlight.isEmpty()) {
            forward(inFlight.poll());
        }
    }

    /**
     * Forwards, in order, the batches at the head of the queue that the model has finished. With
     * {@code mayHold}, not while the next batch should be filled first ({@link #fillFirst}).
     */
    private void forwardFinished(boolean mayHold) {
        while (!inFlight.isEmpty() && inFlight.peek().embeddings().isDone() && !(mayHold && fillFirst())) {
            forward(inFlight.poll());
        }
    }

    /**
     * Whether to take the next records before forwarding a finished batch: the model has no batch
     * queued behind the one it embeds (if any), so a forward, about as long as an embedding, would
     * leave it idle unless the next batch goes to it first; and at the pace the waiting records
     * came, the rest of the batch comes sooner than a forward ends. A slow stream's records are
     * not held for, and a batch held when its stream stops is forwarded at the next linger tick.
     */
    private boolean fillFirst() {
        if (!batching.pipelined() || waiting == 0) {
            return false;
        }
        int unfinished = 0;
        for (PendingBatch batch : inFlight) {
            unfinished += batch.embeddings().isDone() ? 0 : 1;
        }
        if (unfinished > 1) {
            return false;
        }
        double filling = clock.nanoTime() - oldestWaitingNanos - forwardedWhileWaitingNanos;
        return filling / waiting * (batching.size() - waiting) <= forwardNanos;
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
        lastBatchNanos = clock.nanoTime();
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
        long called = clock.nanoTime();
        ModelRunner.Embeddings embeddings = ModelRunner.await(batch.embeddings());
        awaitedNanos += System.nanoTime() - start;
        long forwardStart = clock.nanoTime();
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
        long end = clock.nanoTime();
        forwardNanos = forwardNanos == 0 ? end - forwardStart : forwardNanos + FORWARD_ESTIMATE_WEIGHT * (end - forwardStart - forwardNanos);
        forwardedWhileWaitingNanos += waiting > 0 ? end - called : 0;
    }

    private void deadLetter(SourceRecord source, Stage stage, Throwable error) {
        Instant now = Instant.ofEpochMilli(clock.wallClockMillis());
        context.forward(new Record<>(source.key(), DeadLetters.of(source, stage, error, now), source.timestamp()), deadLetterChild);
    }

    /** Batches in flight are abandoned: their records are still buffered, so the next owner of the task embeds them. */
    @Override
    public void close() {
        if (runner != null) {
            LOG.info("Embedded {} batches in {} s ({} s of its CPU) on the model thread; the stream thread waited {} s for them over {} s; "
                    + "{} linger ticks embedded what waited and forwarded everything", runner.batches(), seconds(runner.busyNanos()),
                    seconds(runner.cpuNanos()), seconds(awaitedNanos), seconds(System.nanoTime() - startNanos), lingerDrains);
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
