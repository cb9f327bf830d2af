package io.pairstream.schemas.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void shouldKeepRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            produce(broker.bootstrapServers(), "events", List.of("a", "b", "c"));
            assertEquals(List.of("a", "b", "c"), consume(broker.bootstrapServers(), "events", 3));
        }
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dir)) {
            produce(restarted.bootstrapServers(), "events", List.of("d"));
            assertEquals(List.of("a", "b", "c", "d"), consume(restarted.bootstrapServers(), "events", 4));
        }
    }

    @Test
    void shouldReportAnExitThatWasNotAskedFor() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            assertFalse(broker.exitedUnexpectedly());
            ProcessHandle.of(broker.pid()).orElseThrow().destroyForcibly();
            broker.onExit().get(30, TimeUnit.SECONDS);
            assertTrue(broker.exitedUnexpectedly());
        }
    }

    @Test
    void shouldApplyTheBuilderOptions() throws Exception {
        int port = EmbeddedKafkaBroker.freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(dir)
                .optPort(port)
                .optMaxHeap("384m")
                .optStartTimeout(Duration.ofSeconds(60))
                .optBrokerProperty("num.partitions", "3")
                .start()) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            String commandLine = ProcessHandle.of(broker.pid()).orElseThrow().info().commandLine().orElse("");
            assertTrue(commandLine.contains("-Xmx384m"), commandLine);
            produce(broker.bootstrapServers(), "auto-created", List.of("x"));
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
                assertEquals(3, admin.describeTopics(List.of("auto-created")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("auto-created").partitions().size());
            }
        }
    }

    static void produce(String bootstrap, String topic, List<String> values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> consume(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
