package io.pairstream.topology.embed;

import java.util.List;

/** The pairs of one model batch, in input order: the unit the store is searched for at once. */
public record EmbeddedBatch(List<EmbeddedPair> pairs) {

    public EmbeddedBatch {
        pairs = List.copyOf(pairs);
    }
}
