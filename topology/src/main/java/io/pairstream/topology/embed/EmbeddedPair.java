package io.pairstream.topology.embed;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.topology.ingest.IncomingPair;
import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.vector.VectorUtil;
import java.util.Objects;

/** A pair with its image and caption embedded by one model version. */
public record EmbeddedPair(IncomingPair incoming, float[] imageVector, float[] textVector, String modelVersion) {

    public EmbeddedPair {
        Objects.requireNonNull(incoming, "incoming cannot be null");
        Objects.requireNonNull(imageVector, "imageVector cannot be null");
        Objects.requireNonNull(textVector, "textVector cannot be null");
        Objects.requireNonNull(modelVersion, "modelVersion cannot be null");
    }

    public String id() {
        return incoming.pair().getId();
    }

    /** The cosine of the pair's image and caption vectors: how well its caption fits its image. */
    public float alignment() {
        return VectorUtil.dotProduct(imageVector, textVector);
    }

    /** The facts the vector store keeps beside the pair's vectors. */
    public ItemMetadata metadata() {
        ImageTextPair pair = incoming.pair();
        return new ItemMetadata(pair.getLabel(), pair.getSource(), pair.getEventTime().toEpochMilli(), modelVersion);
    }
}
