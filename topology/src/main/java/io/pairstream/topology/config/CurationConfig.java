package io.pairstream.topology.config;

import io.pairstream.schemas.config.ConfigValidation;
import io.pairstream.topology.store.VectorStoreConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Every setting of the curation topology, declared once per concern ({@link TopicNames},
 * {@link BatchSettings}, {@link AlignmentSettings}, {@link SelectionSettings},
 * {@link QualitySettings}, and the vector store's index and retention keys of
 * {@link VectorStoreConfig}) and validated together so that every problem is reported at start-up.
 */
public final class CurationConfig extends AbstractConfig {

    public static final ConfigDef CONFIG = storeKeys(QualitySettings.define(SelectionSettings.define(
            AlignmentSettings.define(BatchSettings.define(TopicNames.define(new ConfigDef()))))));

    private CurationConfig(Map<String, ?> props) {
        super(CONFIG, props, false);
    }

    /** Parses {@code props} (which may hold other components' keys too), reporting every bad curation key at once. */
    public static CurationConfig of(Map<String, ?> props) {
        ConfigValidation.requireValid(CONFIG, props, "curation");
        CurationConfig config = new CurationConfig(props);
        // A cross-key rule, checked once the keys themselves are known to be valid.
        config.selection();
        return config;
    }

    public TopicNames topics() {
        return TopicNames.from(this);
    }

    public BatchSettings batching() {
        return BatchSettings.from(this);
    }

    public AlignmentSettings alignment() {
        return AlignmentSettings.from(this);
    }

    public SelectionSettings selection() {
        return SelectionSettings.from(this);
    }

    public QualitySettings quality() {
        return QualitySettings.from(this);
    }

    /** The vector store's settings for these named vector fields (name to dimension, e.g. from the model). */
    public VectorStoreConfig vectorStore(Map<String, Integer> fields) {
        Map<String, Object> settings = new HashMap<>(originalsWithPrefix("vector.store.", false));
        settings.keySet().retainAll(VectorStoreConfig.configDef().names());
        StringBuilder spec = new StringBuilder();
        fields.forEach((name, dimension) -> spec.append(spec.isEmpty() ? "" : ",").append(name).append(':').append(dimension));
        settings.put(VectorStoreConfig.FIELDS_CONFIG, spec.toString());
        return new VectorStoreConfig(settings);
    }

    /** The vector store's keys but its fields, which the topology sets from the model. */
    private static ConfigDef storeKeys(ConfigDef def) {
        VectorStoreConfig.configDef().configKeys().values().stream()
                .filter(key -> !key.name.equals(VectorStoreConfig.FIELDS_CONFIG))
                .forEach(def::define);
        return def;
    }
}
