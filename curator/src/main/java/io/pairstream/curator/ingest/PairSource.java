package io.pairstream.curator.ingest;

import java.io.IOException;

/** A collection of image-caption pairs that {@code ingest} can publish. */
public interface PairSource {

    /** What is read, for the progress bar and the summary, e.g. {@code Fashion-MNIST train split}. */
    String description();

    /** How many samples the source holds, or -1 when that is not known before reading. */
    long size();

    /**
     * Reads the samples in order into {@code sink} until they end or the sink says stop. Items that
     * cannot be read are reported to the sink and skipped.
     *
     * @throws IOException when the source as a whole cannot be read any further
     */
    void readInto(PairSink sink) throws IOException;
}
