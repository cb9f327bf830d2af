package io.pairstream.topology.ingest;

import io.pairstream.schemas.records.ImageTextPair;
import java.util.Objects;

/** A decoded, valid pair together with the record it came from. */
public record IncomingPair(ImageTextPair pair, SourceRecord source) {

    public IncomingPair {
        Objects.requireNonNull(pair, "pair cannot be null");
        Objects.requireNonNull(source, "source cannot be null");
    }
}
