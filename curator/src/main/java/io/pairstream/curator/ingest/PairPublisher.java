package io.pairstream.curator.ingest;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends pairs to one topic as a producer of pairstream's input would: {@link ImageTextPair} in the
 * Confluent wire format keyed by id, or, to exercise the dead-letter path, any bytes at all. Sends
 * are asynchronous; {@link #flush} and {@link #close} wait for them.
 */
public final class PairPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer<ImageTextPair> serializer = new AvroSerializer<>();
    private final String topic;

    /**
     * @param kafka    producer settings, at least {@code bootstrap.servers}
     * @param registry the Avro serializer's settings, at least {@code schema.registry.url}
     */
    public PairPublisher(Map<String, ?> kafka, Map<String, ?> registry, String topic) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        serializer.configure(registry, false);
        this.topic = topic;
    }

    /** Sends {@code sample} with {@code eventTime} in place of its own. */
    public void send(RawSample sample, Instant eventTime) {
        ImageTextPair pair = sample.toPair();
        pair.setEventTime(eventTime);
        send(pair);
    }

    public void send(ImageTextPair pair) {
        sendBytes(pair.getId().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, pair));
    }

    /** Sends a record as it is, e.g. one that is not Avro at all. */
    public void sendBytes(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
