package io.pairstream.topology.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * When buffered pairs are drained through the model: as soon as {@code size} are waiting, or when
 * the oldest has waited {@code linger}, whichever comes first; and whether the model runs on a
 * thread of its own, overlapping the stages after it ({@code pipelined}).
 */
public record BatchSettings(int size, Duration linger, boolean pipelined) {

    public static final String SIZE_CONFIG = "embed.batch.size";
    public static final String LINGER_MS_CONFIG = "embed.batch.linger.ms";
    public static final String PIPELINED_CONFIG = "embed.pipelined";

    public BatchSettings {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("batch linger must be positive, was " + linger);
        }
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(SIZE_CONFIG, Type.INT, 32, Range.between(1, 4096), Importance.MEDIUM,
                        "Pairs embedded in one model call; larger batches use the model better and add latency.")
                .define(LINGER_MS_CONFIG, Type.LONG, 200L, Range.between(1, 600_000), Importance.MEDIUM,
                        "Longest a buffered pair waits for its batch to fill, in milliseconds (wall-clock).")
                .define(PIPELINED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Embed a full batch on a model thread while the stream thread aligns, selects and stores the previous "
                                + "one. Throughput approaches the slower of the model and the rest instead of their sum; a record "
                                + "may wait up to one more batch. Off: each batch is embedded and forwarded at once.");
    }

    static BatchSettings from(AbstractConfig config) {
        return new BatchSettings(config.getInt(SIZE_CONFIG), Duration.ofMillis(config.getLong(LINGER_MS_CONFIG)),
                config.getBoolean(PIPELINED_CONFIG));
    }
}
