package io.pairstream.topology.ingest;

import io.pairstream.schemas.records.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds the {@link DeadLetter} of a failed record: its original bytes, where it came from, and why. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(SourceRecord source, Stage stage, Throwable error, Instant failedAt) {
        Map<String, ByteBuffer> headers = new HashMap<>();
        source.headers().forEach((name, value) -> headers.put(name, ByteBuffer.wrap(value == null ? new byte[0] : value)));
        return DeadLetter.newBuilder()
                .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setOriginalHeaders(headers)
                .setTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setStage(stage.label())
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(String.valueOf(error.getMessage()))
                .setFailedAt(failedAt)
                .build();
    }
}
