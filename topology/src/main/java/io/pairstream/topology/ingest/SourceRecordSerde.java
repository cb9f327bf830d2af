package io.pairstream.topology.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary form of a {@link SourceRecord} for the changelogged batch buffer; internal to the topology. */
public final class SourceRecordSerde implements Serde<SourceRecord> {

    private static final byte FORMAT_VERSION = 1;

    @Override
    public Serializer<SourceRecord> serializer() {
        return (topic, record) -> record == null ? null : write(record);
    }

    @Override
    public Deserializer<SourceRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SourceRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (record.value() == null ? 0 : record.value().length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            writeBytes(out, record.key());
            writeBytes(out, record.value());
            out.writeInt(record.headers().size());
            for (Map.Entry<String, byte[]> header : record.headers().entrySet()) {
                out.writeUTF(header.getKey());
                writeBytes(out, header.getValue());
            }
            out.writeUTF(record.topic());
            out.writeInt(record.partition());
            out.writeLong(record.offset());
            out.writeLong(record.timestamp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SourceRecord read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("Unknown buffered-record format version " + version);
            }
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int headerCount = in.readInt();
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerCount; i++) {
                headers.put(in.readUTF(), readBytes(in));
            }
            return new SourceRecord(key, value, headers, in.readUTF(), in.readInt(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new SerializationException("Corrupt buffered record", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
