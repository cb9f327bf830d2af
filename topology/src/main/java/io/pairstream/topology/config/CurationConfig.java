package io.pairstream.topology.config;

import io.pairstream.schemas.config.ConfigValidation;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Every setting of the curation topology, declared once per concern ({@link TopicNames},
 * {@link BatchSettings}, ...) and validated together so that every problem is reported at start-up.
 */
public final class CurationConfig extends AbstractConfig {

    public static final ConfigDef CONFIG = BatchSettings.define(TopicNames.define(new ConfigDef()));

    private CurationConfig(Map<String, ?> props) {
        super(CONFIG, props, false);
    }

    /** Parses {@code props} (which may hold other components' keys too), reporting every bad curation key at once. */
    public static CurationConfig of(Map<String, ?> props) {
        ConfigValidation.requireValid(CONFIG, props, "curation");
        return new CurationConfig(props);
    }

    public TopicNames topics() {
        return TopicNames.from(this);
    }

    public BatchSettings batching() {
        return BatchSettings.from(this);
    }
}
