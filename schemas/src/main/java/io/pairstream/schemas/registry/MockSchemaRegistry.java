package io.pairstream.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory registries behind {@code mock://scope} URLs, shared by every client in the JVM that
 * names the same scope (as Confluent's serde does), so a serializer and a deserializer configured
 * with the same URL see the same schemas. For tests.
 */
public final class MockSchemaRegistry {

    public static final String URL_PREFIX = "mock://";

    private static final Map<String, SchemaRepository> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {
    }

    /** The registry of {@code scope}, created empty on first use. */
    public static SchemaRepository forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new SchemaRepository(SchemaJournal.NONE));
    }

    /** Forgets a scope, so the next use starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    static boolean isMockUrl(String url) {
        return url.startsWith(URL_PREFIX);
    }

    static String scopeOf(String url) {
        return url.substring(URL_PREFIX.length());
    }
}
