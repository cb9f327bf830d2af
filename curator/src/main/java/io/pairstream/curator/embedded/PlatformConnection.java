package io.pairstream.curator.embedded;

import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;

/**
 * The Kafka and Schema Registry a command talks to: the external ones the configuration names, or,
 * in embedded mode, an {@link EmbeddedPlatform} started on the configured data directory and
 * stopped again on close.
 */
public final class PlatformConnection implements AutoCloseable {

    private final ServiceConfig config;
    private final EmbeddedPlatform platform;

    private PlatformConnection(ServiceConfig config, EmbeddedPlatform platform) {
        this.config = config;
        this.platform = platform;
    }

    public static PlatformConnection open(ServiceConfig config) {
        if (!config.embedded()) {
            return new PlatformConnection(config, null);
        }
        EmbeddedPlatform platform = EmbeddedPlatform.start(ServiceSettings.of(config.settings()).embeddedDataDirectory());
        return new PlatformConnection(config.connectedTo(platform.bootstrapServers(), platform.schemaRegistryUrl()), platform);
    }

    /** The configuration with the addresses actually in use. */
    public ServiceConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (platform != null) {
            platform.close();
        }
    }
}
