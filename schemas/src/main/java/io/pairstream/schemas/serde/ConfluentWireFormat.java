package io.pairstream.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent Schema Registry wire format: one magic byte {@code 0}, the schema id as a 4-byte
 * big-endian integer, then the Avro binary encoding of the datum.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** Frames an Avro body with its schema id. */
    public static byte[] frame(int schemaId, byte[] avroBody, int bodyLength) {
        return ByteBuffer.allocate(HEADER_SIZE + bodyLength).put(MAGIC_BYTE).putInt(schemaId).put(avroBody, 0, bodyLength).array();
    }

    /** Reads and checks the header; on return {@code buffer} is positioned at the Avro body. */
    public static int readSchemaId(ByteBuffer buffer, String topic) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("Record on topic '" + topic + "' is " + buffer.remaining()
                    + " bytes long, shorter than the 5-byte Confluent wire-format header");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("Record on topic '" + topic + "' starts with byte " + magic
                    + ", not the Confluent wire-format magic byte 0: it was not written by a Schema Registry serializer");
        }
        return buffer.getInt();
    }
}
