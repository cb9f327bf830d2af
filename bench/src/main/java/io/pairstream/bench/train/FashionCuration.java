package io.pairstream.bench.train;

import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.embedded.EmbeddedPlatform;
import io.pairstream.curator.ingest.PairPublisher;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.pipeline.CurationPipeline;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.TopicNames;
import io.pairstream.topology.model.ClipModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams Fashion-MNIST train images with their captions through the real curation pipeline (the
 * embedded broker and registry, the exactly-once Streams app, the mini-CLIP) and returns the
 * {@code pairs.positive} it emitted, in topic order.
 */
final class FashionCuration {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private FashionCuration() {
    }

    static List<PositivePair> curate(Path directory, Path fashion, int samples, Map<String, Object> curationSettings) throws Exception {
        List<RawSample> stream = PairSources.readAll(PairSources.fashionMnist(fashion, FashionMnist.Split.TRAIN)).subList(0, samples);
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(directory.resolve("platform"));
             ClipModel model = MiniClip.loadDefault()) {
            String bootstrap = platform.bootstrapServers();
            Map<String, Object> serde = Map.of("schema.registry.url", platform.schemaRegistryUrl());
            platform.ensureCurationTopics(topics);
            publish(bootstrap, serde, topics.rawPairs(), stream);
            long started = System.nanoTime();
            try (CurationPipeline pipeline = CurationPipeline.start(
                    CurationPipeline.streamsProperties(directory.resolve("state"),
                            Map.of("bootstrap.servers", bootstrap, StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)),
                    CurationConfig.of(curationSettings), model, serde)) {
                if (!pipeline.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the curation pipeline did not start: " + pipeline.streams().state());
                }
                AvroDeserializer<PairQualityWindow> windows = deserializer(PairQualityWindow.class, serde);
                long accounted = 0;
                while (accounted < samples && System.nanoTime() - started < TIMEOUT.toNanos()) {
                    Thread.sleep(2_000);
                    accounted = readAll(bootstrap, topics.qualityMetrics(), windows).stream()
                            .mapToLong(w -> w.getStored() + w.getRejected() + w.getDeadLettered()).sum();
                    System.out.printf("curated %d of %d samples (%.0f s)%n", accounted, samples, (System.nanoTime() - started) / 1e9);
                }
            }
            return readAll(bootstrap, topics.positivePairs(), deserializer(PositivePair.class, serde));
        }
    }

    /** Every committed record of {@code topic} up to its current end, in partition then offset order. */
    static <T> List<T> readAll(String bootstrap, String topic, Deserializer<T> values) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], T> record : consumer.poll(Duration.ofMillis(500))) {
                    out.add(record.value());
                }
            }
        }
        return out;
    }

    static <T extends SpecificRecord> AvroDeserializer<T> deserializer(Class<T> type, Map<String, Object> serde) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(null, type);
        deserializer.configure(serde, false);
        return deserializer;
    }

    private static void publish(String bootstrap, Map<String, Object> serde, String topic, List<RawSample> stream) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (PairPublisher publisher = new PairPublisher(Map.of("bootstrap.servers", bootstrap), serde, topic)) {
            for (int i = 0; i < stream.size(); i++) {
                publisher.send(stream.get(i), start.plusSeconds(i));
            }
        }
    }
}
