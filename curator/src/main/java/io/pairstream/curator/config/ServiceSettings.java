package io.pairstream.curator.config;

import io.pairstream.curator.model.ModelThreads;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The curator service's own settings, declared once per concern ({@link HttpSettings},
 * {@link TopicLayout}, {@link FeedSettings}) plus where the embedded platform keeps its data.
 * Read it from {@link ServiceConfig#settings()}, which has already been validated.
 */
public final class ServiceSettings extends AbstractConfig {

    public static final String EMBEDDED_DATA_DIR_CONFIG = "embedded.data.dir";
    public static final String STATE_DIR_CONFIG = "streams.state.dir";
    public static final String MODEL_THREADS_CONFIG = "model.threads";
    public static final String MODEL_DEDICATED_CORES_CONFIG = "model.dedicated.cores";
    public static final String MODEL_OTHERS_NICE_CONFIG = "model.others.nice";

    public static final ConfigDef CONFIG = FeedSettings.define(TopicLayout.define(HttpSettings.define(new ConfigDef()
            .define(EMBEDDED_DATA_DIR_CONFIG, Type.STRING, "target/demo", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                    "Where the embedded broker and registry keep their data when kafka.bootstrap.servers is not set; reusing it resumes.")
            .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.HIGH,
                    "Where Kafka Streams keeps the vector store and the other state stores (RocksDB); empty means "
                            + "'streams' under embedded.data.dir. Keep it across restarts to resume without a restore.")
            .define(MODEL_THREADS_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Threads the model runs one batch on; 0 means all cores but one (at least one), leaving a core to "
                            + "the stream thread, which searches and stores one batch while the model embeds the next.")
            .define(MODEL_DEDICATED_CORES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                    "On Linux, run the model's threads on the last model.threads cores and the stream threads that feed "
                            + "the model on the others, at the model's priority, so neither preempts the other; the rest of the "
                            + "service runs anywhere at model.others.nice. Ignored when model.threads leaves no core over.")
            .define(MODEL_OTHERS_NICE_CONFIG, Type.INT, 19, ConfigDef.Range.between(0, 19), Importance.MEDIUM,
                    "On Linux, the nice value of every thread of the service but the model's (the Kafka clients, the JVM's "
                            + "own, the embedded broker, and the stream threads unless model.dedicated.cores keeps them at the "
                            + "model's), so the scheduler never makes the model or its feeders wait for a core they want and the "
                            + "rest take the time they leave. 0 leaves every thread as it is. On a machine shared with other "
                            + "work, the service's other threads then yield to it too."))));

    private ServiceSettings(Map<String, ?> props) {
        super(CONFIG, props, false);
    }

    /** The settings among {@code props}, which may hold other components' keys too. */
    public static ServiceSettings of(Map<String, ?> props) {
        return new ServiceSettings(props);
    }

    public Path embeddedDataDirectory() {
        return Path.of(getString(EMBEDDED_DATA_DIR_CONFIG));
    }

    public Path stateDirectory() {
        String configured = getString(STATE_DIR_CONFIG);
        return configured.isEmpty() ? embeddedDataDirectory().resolve("streams") : Path.of(configured);
    }

    /** The model's threads, with 0 (automatic) resolved for this machine. */
    public int modelThreads() {
        return ModelThreads.resolve(getInt(MODEL_THREADS_CONFIG));
    }

    /** Whether the model should get cores of its own (see {@link #MODEL_DEDICATED_CORES_CONFIG}). */
    public boolean modelDedicatedCores() {
        return getBoolean(MODEL_DEDICATED_CORES_CONFIG);
    }

    /** The nice value of the service's non-model threads, 0 for unchanged (see {@link #MODEL_OTHERS_NICE_CONFIG}). */
    public int modelOthersNice() {
        return getInt(MODEL_OTHERS_NICE_CONFIG);
    }

    public HttpSettings http() {
        return HttpSettings.from(this);
    }

    public TopicLayout topicLayout() {
        return TopicLayout.from(this);
    }

    public FeedSettings feed() {
        return FeedSettings.from(this);
    }
}
