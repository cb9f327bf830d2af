package io.pairstream.bench.store;

import io.pairstream.topology.store.VectorStore;
import io.pairstream.topology.store.VectorStoreConfig;
import io.pairstream.topology.store.VectorStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * Opens a vector store on a real RocksDB under a state directory, outside a Streams app: the
 * changelog is off, so the figures are those of the store itself.
 */
final class BenchmarkStore {

    static final String NAME = "bench-neighbours";
    static final String FIELD = "vector";

    private BenchmarkStore() {
    }

    static VectorStore open(Path stateDirectory, int dimension, int lists, int trainingSize) {
        return open(stateDirectory, dimension, lists, trainingSize, Map.of());
    }

    /** As above, with further store settings ({@link VectorStoreConfig} keys) that override the defaults. */
    static VectorStore open(Path stateDirectory, int dimension, int lists, int trainingSize,
                            Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(VectorStoreConfig.FIELDS_CONFIG, FIELD + ":" + dimension);
        config.put(VectorStoreConfig.LISTS_CONFIG, lists);
        config.put(VectorStoreConfig.TRAINING_SIZE_CONFIG, trainingSize);
        return open(stateDirectory, new VectorStoreConfig(config));
    }

    /** A store of the given configuration, its fields included. */
    static VectorStore open(Path stateDirectory, VectorStoreConfig config) {
        VectorStore store = VectorStores.vectorStoreBuilder(NAME, config)
                .withLoggingDisabled()
                .build();
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-benchmark");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(properties, new TaskId(0, 0),
                stateDirectory.toFile());
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
