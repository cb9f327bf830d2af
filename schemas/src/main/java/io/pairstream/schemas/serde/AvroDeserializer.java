package io.pairstream.schemas.serde;

import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import io.pairstream.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format Avro records. The writer schema comes from the registry by
 * id; the reader schema is the target class's (when given), the generated class named like the
 * writer schema ({@code specific.avro.reader=true}), or else the writer's own. Avro schema
 * resolution bridges writer and reader, so evolved schemas read both ways within the rules.
 *
 * <p>Any bad input raises a {@link SerializationException} naming the topic, the schema id and the cause.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private record ReaderKey(int writerId, Schema reader) {
    }

    private final Class<T> targetType;
    private final Schema fixedReader;
    private SchemaRegistryClient registry;
    private boolean specificReader;
    private final Map<ReaderKey, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction (generic, or specific per {@code specific.avro.reader}); {@link #configure} must follow. */
    public AvroDeserializer() {
        this(null, null, null);
    }

    /** Reads into {@code targetType}'s schema, whatever schema the writer used; a null registry comes from {@link #configure}. */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> targetType) {
        this(registry, targetType, null);
    }

    /** Reads generic records with {@code readerSchema}, whatever schema the writer used; a null registry comes from {@link #configure}. */
    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this(registry, null, readerSchema);
    }

    private AvroDeserializer(SchemaRegistryClient registry, Class<T> targetType, Schema fixedReader) {
        this.registry = registry;
        this.targetType = targetType;
        this.fixedReader = fixedReader;
        this.specificReader = targetType != null;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.of(configs);
        if (registry == null) {
            registry = SchemaRegistryClients.create(configs);
        }
        specificReader = targetType != null || (fixedReader == null && config.specificAvroReader());
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = ConfluentWireFormat.readSchemaId(buffer, topic);
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Record on topic '" + topic + "' names schema id " + id
                    + ", which the Schema Registry could not supply: " + e.getMessage(), e);
        }
        try {
            DatumReader<T> reader = readers.computeIfAbsent(new ReaderKey(id, readerSchema(writer)), key -> newReader(writer, key.reader()));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException(decoder.inputStream().available() + " bytes left over after the datum");
            }
            return value;
        } catch (Exception e) {
            throw new SerializationException("Could not decode the record on topic '" + topic + "' with schema id " + id
                    + " (" + writer.getFullName() + "): " + e, e);
        }
    }

    private Schema readerSchema(Schema writer) {
        if (fixedReader != null) {
            return fixedReader;
        }
        if (targetType != null) {
            return SpecificData.get().getSchema(targetType);
        }
        if (specificReader) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("specific.avro.reader is true but no generated class " + writer.getFullName() + " is on the class path");
            }
            return SpecificData.get().getSchema(generated);
        }
        return writer;
    }

    private DatumReader<T> newReader(Schema writer, Schema reader) {
        return specificReader ? new SpecificDatumReader<>(writer, reader) : new GenericDatumReader<>(writer, reader);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
