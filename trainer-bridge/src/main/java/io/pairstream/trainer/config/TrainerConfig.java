package io.pairstream.trainer.config;

import io.pairstream.schemas.Topic;
import io.pairstream.schemas.config.ConfigValidation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The trainer's configuration, declared once: the training run ({@link TrainingSettings}), the
 * bridge around it ({@link BridgeSettings}) and the Kafka side. Keys it does not declare
 * ({@code security.protocol}, serde keys such as {@code basic.auth.user.info}) are handed to the
 * Kafka clients and the Avro serde unchanged.
 */
public final class TrainerConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String PAIRS_TOPIC_CONFIG = "pairs.topic";
    public static final String METRICS_TOPIC_CONFIG = "metrics.topic";
    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String RUN_ID_CONFIG = "run.id";
    public static final String STRATEGY_CONFIG = "strategy";
    public static final String GUIDANCE_CONFIG = "positive.guidance";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String LEARNING_RATE_CONFIG = "learning.rate";
    public static final String TEMPERATURE_CONFIG = "temperature";
    public static final String SEED_CONFIG = "seed";
    public static final String IMAGE_SIZE_CONFIG = "image.size";
    public static final String IMAGE_CHANNELS_CONFIG = "image.channels";
    public static final String EASY_NEGATIVE_FRACTION_CONFIG = "easy.negative.fraction";
    public static final String FALSE_POSITIVE_PERCENTILE_CONFIG = "false.positive.percentile";
    public static final String CHECKPOINT_DIR_CONFIG = "checkpoint.dir";
    public static final String CHECKPOINT_INTERVAL_CONFIG = "checkpoint.interval.steps";
    public static final String CHECKPOINTS_KEPT_CONFIG = "checkpoints.kept";
    public static final String EVAL_INTERVAL_CONFIG = "eval.interval.steps";
    public static final String METRICS_INTERVAL_CONFIG = "metrics.interval.steps";
    public static final String POLL_TIMEOUT_CONFIG = "poll.timeout.ms";
    public static final String IDLE_TIMEOUT_CONFIG = "idle.timeout.ms";

    private static final String KAFKA = "kafka";
    private static final String TRAINING = "training";
    private static final String BRIDGE = "bridge";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka brokers to read pairs from and write metrics to.", KAFKA, 1, ConfigDef.Width.LONG, "brokers")
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Schema Registry URL(s) for the Avro serde; mock://scope for tests.", KAFKA, 2, ConfigDef.Width.LONG, "registry")
            .define(PAIRS_TOPIC_CONFIG, Type.STRING, Topic.POSITIVE_PAIRS.defaultName(), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic of PositivePair records to train on.", KAFKA, 3, ConfigDef.Width.MEDIUM, "pairs topic")
            .define(METRICS_TOPIC_CONFIG, Type.STRING, Topic.TRAINING_METRICS.defaultName(), Importance.MEDIUM,
                    "Topic the TrainingMetrics records go to; empty to publish none.", KAFKA, 4, ConfigDef.Width.MEDIUM, "metrics topic")
            .define(GROUP_ID_CONFIG, Type.STRING, "pairstream-trainer", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Consumer group; offsets are committed only with a checkpoint.", KAFKA, 5, ConfigDef.Width.MEDIUM, "group")
            .define(STRATEGY_CONFIG, Type.STRING, TrainingStrategy.BASELINE.configName(),
                    ValidString.in(TrainingStrategy.configNames().toArray(String[]::new)), Importance.HIGH,
                    "Training strategy.", TRAINING, 1, ConfigDef.Width.MEDIUM, "strategy")
            .define(GUIDANCE_CONFIG, Type.STRING, PositiveGuidance.ANY.configName(),
                    ValidString.in(PositiveGuidance.configNames().toArray(String[]::new)), Importance.HIGH,
                    "Which pairs to train on: text-guided, image-guided or any.", TRAINING, 2, ConfigDef.Width.SHORT, "guidance")
            .define(BATCH_SIZE_CONFIG, Type.INT, TrainingSettings.DEFAULT_BATCH_SIZE, Range.between(2, 4096), Importance.HIGH,
                    "Distinct anchors per training step.", TRAINING, 3, ConfigDef.Width.SHORT, "batch size")
            .define(LEARNING_RATE_CONFIG, Type.DOUBLE, (double) TrainingSettings.DEFAULT_LEARNING_RATE, Range.between(1e-7, 10), Importance.MEDIUM,
                    "Adam learning rate.", TRAINING, 4, ConfigDef.Width.SHORT, "learning rate")
            .define(TEMPERATURE_CONFIG, Type.DOUBLE, (double) TrainingSettings.DEFAULT_TEMPERATURE, Range.between(1e-3, 10), Importance.MEDIUM,
                    "NT-Xent temperature.", TRAINING, 5, ConfigDef.Width.SHORT, "temperature")
            .define(SEED_CONFIG, Type.LONG, TrainingSettings.DEFAULT_SEED, Importance.LOW,
                    "Seed of the initial weights and the augmentations.", TRAINING, 6, ConfigDef.Width.SHORT, "seed")
            .define(IMAGE_SIZE_CONFIG, Type.INT, TrainingSettings.DEFAULT_IMAGE_SIZE, Range.between(8, 256), Importance.MEDIUM,
                    "Side of the square images the network sees.", TRAINING, 7, ConfigDef.Width.SHORT, "image size")
            .define(IMAGE_CHANNELS_CONFIG, Type.INT, TrainingSettings.DEFAULT_IMAGE_CHANNELS, ValidInt.of(1, 3), Importance.MEDIUM,
                    "1 (grey) or 3 (RGB).", TRAINING, 8, ConfigDef.Width.SHORT, "channels")
            .define(EASY_NEGATIVE_FRACTION_CONFIG, Type.DOUBLE, (double) TrainingSettings.DEFAULT_EASY_NEGATIVE_FRACTION,
                    Range.between(0, 0.99), Importance.LOW,
                    "drop-easy-negative: fraction of each anchor's negatives removed.", TRAINING, 9, ConfigDef.Width.SHORT, "easy fraction")
            .define(FALSE_POSITIVE_PERCENTILE_CONFIG, Type.DOUBLE, (double) TrainingSettings.DEFAULT_FALSE_POSITIVE_PERCENTILE,
                    Range.between(0, 100), Importance.LOW,
                    "drop-false-positive: pairs below this similarity percentile are not used as positives.", TRAINING, 10,
                    ConfigDef.Width.SHORT, "false-positive percentile")
            .define(RUN_ID_CONFIG, Type.STRING, "trainer", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Names the run in its metrics.", BRIDGE, 1, ConfigDef.Width.MEDIUM, "run id")
            .define(CHECKPOINT_DIR_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Directory of the checkpoints; a run resumes from the newest one there.", BRIDGE, 2, ConfigDef.Width.LONG, "checkpoints")
            .define(CHECKPOINT_INTERVAL_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                    "Steps between checkpoints; offsets are committed with each. 1: a crash repeats at most one step.",
                    BRIDGE, 3, ConfigDef.Width.SHORT, "checkpoint interval")
            .define(CHECKPOINTS_KEPT_CONFIG, Type.INT, 3, Range.atLeast(1), Importance.LOW,
                    "Checkpoints kept on disk; older ones are deleted.", BRIDGE, 4, ConfigDef.Width.SHORT, "kept")
            .define(EVAL_INTERVAL_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                    "Steps between linear-probe evaluations; 0 evaluates only at the end of a run.", BRIDGE, 5, ConfigDef.Width.SHORT, "eval interval")
            .define(METRICS_INTERVAL_CONFIG, Type.INT, 10, Range.atLeast(1), Importance.LOW,
                    "Steps between metrics records.", BRIDGE, 6, ConfigDef.Width.SHORT, "metrics interval")
            .define(POLL_TIMEOUT_CONFIG, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
                    "Longest wait of one poll.", BRIDGE, 7, ConfigDef.Width.SHORT, "poll timeout")
            .define(IDLE_TIMEOUT_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "The run ends after this long without a pair; 0 waits forever.", BRIDGE, 8, ConfigDef.Width.SHORT, "idle timeout");

    private final AbstractConfig values;
    private final Map<String, Object> clientProperties;

    private TrainerConfig(AbstractConfig values, Map<String, Object> clientProperties) {
        this.values = values;
        this.clientProperties = clientProperties;
    }

    /** Parses and validates {@code props}, reporting every bad key in one {@code ConfigException}. */
    public static TrainerConfig from(Map<String, ?> props) {
        ConfigValidation.requireValid(DEFINITION, props, "trainer");
        Map<String, Object> clients = new HashMap<>();
        props.forEach((key, value) -> {
            if (!DEFINITION.names().contains(key) || key.equals(BOOTSTRAP_SERVERS_CONFIG) || key.equals(SCHEMA_REGISTRY_URL_CONFIG)
                    || key.equals(GROUP_ID_CONFIG)) {
                clients.put(key, value);
            }
        });
        AbstractConfig values = new AbstractConfig(DEFINITION, props, false);
        clients.putIfAbsent(GROUP_ID_CONFIG, values.getString(GROUP_ID_CONFIG));
        return new TrainerConfig(values, Map.copyOf(clients));
    }

    public TrainingSettings training() {
        return new TrainingSettings(
                TrainingStrategy.fromConfigName(values.getString(STRATEGY_CONFIG)),
                PositiveGuidance.fromConfigName(values.getString(GUIDANCE_CONFIG)),
                values.getInt(BATCH_SIZE_CONFIG),
                values.getDouble(LEARNING_RATE_CONFIG).floatValue(),
                values.getDouble(TEMPERATURE_CONFIG).floatValue(),
                values.getLong(SEED_CONFIG),
                values.getInt(IMAGE_SIZE_CONFIG),
                values.getInt(IMAGE_CHANNELS_CONFIG),
                values.getDouble(EASY_NEGATIVE_FRACTION_CONFIG).floatValue(),
                values.getDouble(FALSE_POSITIVE_PERCENTILE_CONFIG).floatValue());
    }

    public BridgeSettings bridge() {
        return new BridgeSettings(
                values.getString(RUN_ID_CONFIG),
                Path.of(values.getString(CHECKPOINT_DIR_CONFIG)),
                values.getInt(CHECKPOINT_INTERVAL_CONFIG),
                values.getInt(CHECKPOINTS_KEPT_CONFIG),
                values.getInt(EVAL_INTERVAL_CONFIG),
                values.getInt(METRICS_INTERVAL_CONFIG),
                Duration.ofMillis(values.getLong(POLL_TIMEOUT_CONFIG)),
                Duration.ofMillis(values.getLong(IDLE_TIMEOUT_CONFIG)));
    }

    public String pairsTopic() {
        return values.getString(PAIRS_TOPIC_CONFIG);
    }

    /** The metrics topic, or empty when none is configured. */
    public String metricsTopic() {
        return values.getString(METRICS_TOPIC_CONFIG);
    }

    /** Properties for the Kafka clients and the Avro serde: the Kafka keys and every key this config does not declare. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Accepts only the listed integers. */
    private record ValidInt(int... allowed) implements ConfigDef.Validator {

        static ValidInt of(int... allowed) {
            return new ValidInt(allowed);
        }

        @Override
        public void ensureValid(String name, Object value) {
            for (int a : allowed) {
                if (value instanceof Integer i && i == a) {
                    return;
                }
            }
            throw new ConfigException(name, value, "must be one of " + Arrays.toString(allowed));
        }
    }
}
