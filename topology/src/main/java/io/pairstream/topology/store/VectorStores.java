package io.pairstream.topology.store;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.StoreBuilder;

/** Factories for vector stores, in the manner of {@link org.apache.kafka.streams.state.Stores}. */
public final class VectorStores {

    private VectorStores() {
    }

    /**
     * A builder of a RocksDB-backed, changelogged vector store, to pass to
     * {@code Topology.addStateStore} or {@code StreamsBuilder.addStateStore}.
     */
    public static StoreBuilder<VectorStore> vectorStoreBuilder(String name, VectorStoreConfig config) {
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(config, "config cannot be null");
        return new VectorStoreBuilder(name, config);
    }

    /** As {@link #vectorStoreBuilder(String, VectorStoreConfig)}, from {@link VectorStoreConfig} settings. */
    public static StoreBuilder<VectorStore> vectorStoreBuilder(String name, Map<String, ?> settings) {
        Objects.requireNonNull(settings, "settings cannot be null");
        return vectorStoreBuilder(name, new VectorStoreConfig(settings));
    }
}
