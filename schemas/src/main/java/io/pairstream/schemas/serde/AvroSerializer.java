package io.pairstream.schemas.serde;

import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import io.pairstream.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records (generated {@link SpecificRecord}s or {@code GenericRecord}s) in the
 * Confluent wire format, registering or looking up the schema in the Schema Registry.
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private SubjectNameStrategy subjectNames;
    private boolean isKey;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    /** With an explicit registry client (its lifetime stays the caller's). */
    public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.registry = registry;
        init(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClients.create(configs);
        }
        init(configs, isKey);
    }

    private void init(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.of(configs);
        this.subjectNames = config.subjectNameStrategy(isKey);
        this.isKey = isKey;
    }

    @Override
    public synchronized byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = subjectNames.subject(topic, isKey, schema);
        int id;
        Schema writerSchema = schema;
        try {
            if (config.useLatestVersion()) {
                var latest = registry.getLatest(subject);
                id = latest.id();
                writerSchema = latest.schema();
            } else if (config.autoRegisterSchemas()) {
                id = registry.register(subject, schema);
            } else {
                id = registry.lookup(subject, schema).id();
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not get a schema id for subject '" + subject + "' (topic '" + topic
                    + "', record " + schema.getFullName() + "): " + e.getMessage(), e);
        }
        try {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer(record, writerSchema).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode a " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + id + ": " + e.getMessage(), e);
        }
        return ConfluentWireFormat.frame(id, buffer.toByteArray(), buffer.size());
    }

    private static <T> DatumWriter<T> writer(T record, Schema writerSchema) {
        return record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(writerSchema, SpecificData.getForSchema(writerSchema))
                : new GenericDatumWriter<>(writerSchema);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
