package io.pairstream.schemas.registry;

import static io.pairstream.schemas.registry.TestSchemas.USER_V1;
import static io.pairstream.schemas.registry.TestSchemas.USER_V2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    /** Counts the calls that reach the registry behind the cache. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        final SchemaRepository repository = new SchemaRepository(SchemaJournal.NONE);
        final Map<String, Integer> calls = new HashMap<>();

        private void count(String operation) {
            calls.merge(operation, 1, Integer::sum);
        }

        @Override
        public int register(String subject, Schema schema) {
            count("register");
            return repository.register(subject, schema);
        }

        @Override
        public RegisteredSchema lookup(String subject, Schema schema) {
            count("lookup");
            return repository.lookup(subject, schema);
        }

        @Override
        public Schema getById(int id) {
            count("getById");
            return repository.getById(id);
        }

        @Override
        public RegisteredSchema getLatest(String subject) {
            count("getLatest");
            return repository.getLatest(subject);
        }

        @Override
        public RegisteredSchema getVersion(String subject, int version) {
            return repository.getVersion(subject, version);
        }

        @Override
        public java.util.List<Integer> getVersions(String subject) {
            return repository.getVersions(subject);
        }

        @Override
        public java.util.List<String> getSubjects() {
            return repository.getSubjects();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return repository.isCompatible(subject, schema);
        }

        @Override
        public CompatibilityLevel getCompatibility(String subject) {
            return repository.getCompatibility(subject);
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {
            repository.setCompatibility(subject, level);
        }

        @Override
        public java.util.List<Integer> deleteSubject(String subject) {
            return repository.deleteSubject(subject);
        }
    }

    private static final class SteppingClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldAskTheRegistryOncePerSchemaBothWays() {
        CountingRegistry registry = new CountingRegistry();
        CachingSchemaRegistryClient cache = new CachingSchemaRegistryClient(registry, 10, Duration.ofSeconds(30), Clock.systemUTC());

        int id = 0;
        for (int i = 0; i < 5; i++) {
            id = cache.register("users-value", USER_V1);
            cache.getById(id);
        }

        assertEquals(1, registry.calls.get("register"));
        assertEquals(null, registry.calls.get("getById"), "the id learnt from registering answers getById");
        assertEquals(USER_V1, cache.getById(id));
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        CountingRegistry registry = new CountingRegistry();
        int first = registry.repository.register("a-value", USER_V1);
        int second = registry.repository.register("b-value", USER_V2);
        CachingSchemaRegistryClient cache = new CachingSchemaRegistryClient(registry, 1, Duration.ofSeconds(30), Clock.systemUTC());

        cache.getById(first);
        cache.getById(second);
        cache.getById(first);

        assertEquals(3, registry.calls.get("getById"));
    }

    @Test
    void shouldRefreshTheLatestVersionAfterItsTimeToLive() {
        CountingRegistry registry = new CountingRegistry();
        registry.repository.register("users-value", USER_V1);
        SteppingClock clock = new SteppingClock();
        CachingSchemaRegistryClient cache = new CachingSchemaRegistryClient(registry, 10, Duration.ofSeconds(30), clock);

        cache.getLatest("users-value");
        registry.repository.register("users-value", USER_V2);
        assertEquals(1, cache.getLatest("users-value").version(), "within the TTL the cached latest answers");

        clock.now = clock.now.plusSeconds(31);
        assertEquals(2, cache.getLatest("users-value").version());
        assertEquals(2, registry.calls.get("getLatest"));
    }
}
