package io.pairstream.curator.ingest;

import io.pairstream.curator.console.ProgressBar;
import io.pairstream.curator.model.ImageDecoder;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.topology.model.InputRejectedException;
import io.pairstream.schemas.records.ImageTextPair;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what a {@link PairSource} reads as {@link ImageTextPair} records keyed by id: checks
 * each sample (the image must decode, the caption must not be empty), paces the sends, counts,
 * and keeps the first problems for the summary. Never stops for a bad item.
 */
public final class Ingestor implements PairSink {

    private static final int PROBLEMS_KEPT = 20;

    private final Producer<String, ImageTextPair> producer;
    private final String topic;
    private final RateLimiter rate;
    private final long limit;
    private final ProgressBar progress;
    private final ImageDecoder decoder = new ImageDecoder(InputLimits.DEFAULT.maxImagePixels());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private long read;
    private long skipped;
    private volatile boolean stopped;

    /**
     * @param rate the records per second to stay under, or null for no limit
     * @param limit the most records to publish
     */
    public Ingestor(Producer<String, ImageTextPair> producer, String topic, RateLimiter rate, long limit, ProgressBar progress) {
        this.producer = producer;
        this.topic = topic;
        this.rate = rate;
        this.limit = limit;
        this.progress = progress;
    }

    /** Reads all of {@code source} (up to the limit), waits for every send to be acknowledged, and reports. */
    public IngestSummary run(PairSource source) throws IOException {
        long started = System.nanoTime();
        try {
            source.readInto(this);
        } finally {
            producer.flush();
            progress.close();
        }
        return new IngestSummary(read, sent.get(), skipped, failed.get(), Duration.ofNanos(System.nanoTime() - started), problems);
    }

    /** Asks a running {@link #run} to stop after the current sample; what was sent is still flushed. */
    public void stop() {
        stopped = true;
    }

    @Override
    public boolean accept(RawSample sample) {
        if (stopped || read >= limit) {
            return false;
        }
        read++;
        String problem = check(sample);
        if (problem != null) {
            skip(sample.id(), problem);
            return true;
        }
        try {
            if (rate != null) {
                rate.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
        producer.send(new ProducerRecord<>(topic, sample.id(), sample.toPair()), (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                keep(sample.id() + ": not delivered: " + error.getMessage());
            }
        });
        progress.step(1, note());
        return !stopped && read < limit;
    }

    @Override
    public void skip(String item, String reason) {
        skipped++;
        String line = item + ": " + reason;
        keep(line);
        progress.message("skipped " + line);
        progress.step(0, note());
    }

    private String check(RawSample sample) {
        if (sample.caption().isBlank()) {
            return "empty caption";
        }
        try {
            decoder.decode(sample.image());
            return null;
        } catch (InputRejectedException e) {
            return e.getMessage();
        }
    }

    private void keep(String problem) {
        synchronized (problems) {
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(problem);
            }
        }
    }

    private String note() {
        long failures = failed.get();
        return (skipped > 0 ? "skipped " + skipped : "") + (failures > 0 ? (skipped > 0 ? ", " : "") + "failed " + failures : "");
    }
}
