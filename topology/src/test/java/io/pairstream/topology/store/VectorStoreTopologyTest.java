package io.pairstream.topology.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The store registered in a topology and used by a processor, through {@link TopologyTestDriver}. */
class VectorStoreTopologyTest {

    private static final String STORE = "text-neighbours";

    @Test
    void shouldLetAProcessorStoreItemsAndFindTheirNearestNeighbours() {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology(), properties())) {
            TestInputTopic<String, String> input = driver.createInputTopic("samples", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> output = driver.createOutputTopic("neighbours",
                    Serdes.String().deserializer(), Serdes.String().deserializer());

            input.pipeInput("a", "1,0,0,0");
            input.pipeInput("b", "0,1,0,0");
            input.pipeInput("c", "0.8,0.6,0,0");
            input.pipeInput("b", (String) null);
            input.pipeInput("d", "0,0.6,0.8,0");

            assertEquals(List.of(KeyValue.pair("a", "none"), KeyValue.pair("b", "a:0.000"),
                    KeyValue.pair("c", "a:0.800"), KeyValue.pair("d", "c:0.360")), output.readKeyValuesToList());
            VectorStore store = (VectorStore) driver.getStateStore(STORE);
            assertEquals(3, store.count());
            assertTrue(store.get("b").isEmpty());
        }
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("samples", Serdes.String().deserializer(), Serdes.String().deserializer(), "samples");
        topology.addProcessor("nearest", NearestNeighbourProcessor::new, "samples");
        topology.addStateStore(VectorStores.vectorStoreBuilder(STORE,
                Map.of(VectorStoreConfig.FIELDS_CONFIG, "text:4", VectorStoreConfig.LISTS_CONFIG, 2,
                        VectorStoreConfig.TRAINING_SIZE_CONFIG, 2)), "nearest");
        topology.addSink("neighbours", "neighbours", Serdes.String().serializer(), Serdes.String().serializer(),
                "nearest");
        return topology;
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "vector-store-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return properties;
    }

    /** Stores each sample, or deletes it on a tombstone, and emits its best neighbour other than itself. */
    private static final class NearestNeighbourProcessor implements Processor<String, String, String, String> {

        private ProcessorContext<String, String> context;
        private VectorStore store;

        @Override
        public void init(ProcessorContext<String, String> processorContext) {
            this.context = processorContext;
            this.store = processorContext.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            float[] vector = parse(record.value());
            List<Neighbour> best = store.search(SearchRequest.of("text", vector, 1).withExcluded(Set.of(record.key())));
            store.put(new VectorItem(record.key(), Map.of("text", vector),
                    new ItemMetadata(null, "test", record.timestamp(), "m1")));
            String found = best.isEmpty() ? "none" : best.get(0).id() + ":" + String.format("%.3f", best.get(0).score());
            context.forward(record.withValue(found));
        }

        private static float[] parse(String csv) {
            String[] parts = csv.split(",");
            float[] vector = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                vector[i] = Float.parseFloat(parts[i].trim());
            }
            return vector;
        }
    }
}
