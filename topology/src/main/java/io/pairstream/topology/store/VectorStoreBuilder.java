package io.pairstream.topology.store;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link VectorStore} on top of a persistent key-value store builder from
 * {@link Stores}, which supplies RocksDB, metrics and the changelog; logging and caching settings
 * are passed through to it. Logging is on and caching off by default.
 */
final class VectorStoreBuilder implements StoreBuilder<VectorStore> {

    private final VectorStoreConfig config;
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> bytesStore;

    VectorStoreBuilder(String name, VectorStoreConfig config) {
        this.config = config;
        this.bytesStore = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray());
    }

    @Override
    public VectorStoreBuilder withCachingEnabled() {
        bytesStore.withCachingEnabled();
        return this;
    }

    @Override
    public VectorStoreBuilder withCachingDisabled() {
        bytesStore.withCachingDisabled();
        return this;
    }

    @Override
    public VectorStoreBuilder withLoggingEnabled(Map<String, String> changelogConfig) {
        bytesStore.withLoggingEnabled(changelogConfig);
        return this;
    }

    @Override
    public VectorStoreBuilder withLoggingDisabled() {
        bytesStore.withLoggingDisabled();
        return this;
    }

    @Override
    public VectorStore build() {
        return new IndexedVectorStore(config, bytesStore.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return bytesStore.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return bytesStore.loggingEnabled();
    }

    @Override
    public String name() {
        return bytesStore.name();
    }
}
