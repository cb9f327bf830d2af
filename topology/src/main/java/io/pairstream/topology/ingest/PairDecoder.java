package io.pairstream.topology.ingest;

import io.pairstream.schemas.records.ImageTextPair;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes and validates a raw record into an {@link IncomingPair}; failures say at which {@link Stage}. */
public final class PairDecoder {

    /** A decode or validation failure, with the stage it happened at. */
    public static final class DecodeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Stage stage;

        DecodeFailure(Stage stage, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.stage = stage;
        }

        public Stage stage() {
            return stage;
        }

        /** The underlying error, which is what a dead letter reports. */
        public Throwable error() {
            return getCause();
        }
    }

    private final Deserializer<ImageTextPair> deserializer;

    public PairDecoder(Deserializer<ImageTextPair> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer cannot be null");
    }

    public IncomingPair decode(SourceRecord source) {
        ImageTextPair pair;
        try {
            pair = deserializer.deserialize(source.topic(), source.value());
            if (pair == null) {
                throw new InvalidPairException("Record " + source.coordinates() + " has no value (a tombstone is not a pair)");
            }
        } catch (RuntimeException e) {
            throw new DecodeFailure(Stage.DECODE, e);
        }
        try {
            PairValidator.requireValid(pair);
        } catch (InvalidPairException e) {
            throw new DecodeFailure(Stage.VALIDATE, e);
        }
        return new IncomingPair(pair, source);
    }
}
