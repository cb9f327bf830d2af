package io.pairstream.curator.config;

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

    public static final ConfigDef CONFIG = FeedSettings.define(TopicLayout.define(HttpSettings.define(new ConfigDef()
            .define(EMBEDDED_DATA_DIR_CONFIG, Type.STRING, "target/demo", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                    "Where the embedded broker and registry keep their data when kafka.bootstrap.servers is not set; reusing it resumes."))));

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
