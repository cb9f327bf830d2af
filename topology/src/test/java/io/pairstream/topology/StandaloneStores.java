package io.pairstream.topology;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/** Opens a state store outside a topology, on disk under a test's directory, for tests of the store alone. */
public final class StandaloneStores {

    private StandaloneStores() {
    }

    /** Initialises {@code store} as task 0_0 of a test application would, with its files under {@code directory}; returns it. */
    public static <S extends StateStore> S open(S store, Path directory) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "standalone-store-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(properties, new TaskId(0, 0), directory.toFile());
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
