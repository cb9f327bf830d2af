package io.pairstream.schemas.registry;

import java.time.Clock;
import java.util.Map;

/** Builds the client a configuration asks for: an in-memory registry for {@code mock://}, else a cached REST client. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /** A client for the {@code schema.registry.url} and related keys in {@code props} (validated, every bad key reported). */
    public static SchemaRegistryClient create(Map<String, ?> props) {
        RegistryClientConfig config = RegistryClientConfig.of(props);
        String first = config.rawUrls().get(0);
        if (MockSchemaRegistry.isMockUrl(first)) {
            // Closing a mock repository keeps its schemas (it journals nothing), so serdes may share it.
            return MockSchemaRegistry.forScope(MockSchemaRegistry.scopeOf(first));
        }
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config), config.cacheCapacity(), config.latestCacheTtl(), Clock.systemUTC());
    }
}
