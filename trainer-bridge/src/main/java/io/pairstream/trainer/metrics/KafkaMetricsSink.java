package io.pairstream.trainer.metrics;

import io.pairstream.schemas.records.TrainingMetrics;
import io.pairstream.schemas.serde.AvroSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes {@link TrainingMetrics} to a topic (Avro, Confluent wire format), keyed by run id. */
public final class KafkaMetricsSink implements MetricsSink, AutoCloseable {

    private final KafkaProducer<String, TrainingMetrics> producer;
    private final String topic;

    public KafkaMetricsSink(Map<String, Object> clientProperties, String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        var values = AvroSerdes.specific(TrainingMetrics.class, props, false).serializer();
        props.keySet().retainAll(ProducerConfig.configNames());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
        this.topic = topic;
    }

    @Override
    public void publish(TrainingMetrics metrics) {
        producer.send(new ProducerRecord<>(topic, metrics.getRunId().toString(), metrics));
    }

    @Override
    public void close() {
        producer.close();
    }
}
