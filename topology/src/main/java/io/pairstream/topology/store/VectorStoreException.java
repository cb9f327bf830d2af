package io.pairstream.topology.store;

import org.apache.kafka.streams.errors.StreamsException;

/** A misuse of a vector store or a failure inside it; the message always names the store. */
public class VectorStoreException extends StreamsException {

    private static final long serialVersionUID = 1L;

    public VectorStoreException(String storeName, String problem) {
        super("vector store '" + storeName + "': " + problem);
    }
}
