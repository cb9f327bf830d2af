package io.pairstream.schemas.serde;

import io.pairstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Factories of Confluent wire-format Avro serdes for Kafka clients and Kafka Streams. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde of generated records of {@code type}, configured from {@code configs} (registry URL and serde keys). */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new AvroSerializer<>(), new AvroDeserializer<>(null, type));
        serde.configure(configs, isKey);
        return serde;
    }

    /** A serde of generated records of {@code type} over an existing registry client. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, configs, isKey), new AvroDeserializer<>(registry, type));
    }

    /** A serde of {@link GenericRecord}s, read with the writer's schema. */
    public static Serde<GenericRecord> generic(Map<String, ?> configs, boolean isKey) {
        Serde<GenericRecord> serde = Serdes.serdeFrom(new AvroSerializer<>(), new AvroDeserializer<>());
        serde.configure(configs, isKey);
        return serde;
    }
}
