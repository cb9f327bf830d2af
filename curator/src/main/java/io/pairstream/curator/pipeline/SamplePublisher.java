package io.pairstream.curator.pipeline;

import io.pairstream.curator.dataset.CaptionedSample;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes captioned samples as {@link ImageTextPair} records in the Confluent wire format, keyed by id. */
public final class SamplePublisher implements AutoCloseable {

    private final KafkaProducer<String, ImageTextPair> producer;
    private final String topic;

    /**
     * @param kafka       producer settings (at least {@code bootstrap.servers}); idempotence is on
     * @param serdeConfig the registry settings of the Avro serializer
     */
    public SamplePublisher(Map<String, ?> kafka, Map<String, ?> serdeConfig, String topic) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        AvroSerializer<ImageTextPair> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), serializer);
        this.topic = topic;
    }

    public static ImageTextPair pair(CaptionedSample sample, Instant eventTime) {
        return ImageTextPair.newBuilder()
                .setId(sample.id())
                .setImage(ByteBuffer.wrap(sample.image()))
                .setImageMediaType("image/png")
                .setCaption(sample.caption())
                .setLabel(sample.label())
                .setSource(sample.source())
                .setEventTime(eventTime)
                .build();
    }

    /** Sends asynchronously; {@link #flush} or {@link #close} waits for delivery. */
    public void publish(CaptionedSample sample, Instant eventTime) {
        producer.send(new ProducerRecord<>(topic, sample.id(), pair(sample, eventTime)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
