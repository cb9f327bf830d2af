package io.pairstream.topology.ingest;

/** A decoded pair that the pipeline cannot use; the message lists every problem found. */
public class InvalidPairException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPairException(String message) {
        super(message);
    }
}
