package io.pairstream.curator.ingest;

/** Where a {@link PairSource} delivers what it reads. */
public interface PairSink {

    /** Takes one sample; false asks the source to stop (the limit is reached or the run was interrupted). */
    boolean accept(RawSample sample);

    /** Reports an item the source could not read (a missing or unreadable file, a bad line); the run goes on. */
    void skip(String item, String reason);
}
