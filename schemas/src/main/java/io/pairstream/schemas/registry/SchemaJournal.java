package io.pairstream.schemas.registry;

import java.util.function.Consumer;

/**
 * Where a {@link SchemaRepository} makes its changes durable. The embedded server journals to a
 * compacted Kafka topic, as Confluent's registry does; {@code mock://} registries keep nothing.
 */
public interface SchemaJournal extends AutoCloseable {

    /** A journal that keeps nothing: state lives only as long as the repository. */
    SchemaJournal NONE = new SchemaJournal() {
        @Override
        public void append(Entry entry) {
        }

        @Override
        public void replay(Consumer<Entry> apply) {
        }
    };

    /** Makes {@code entry} durable before returning. */
    void append(Entry entry);

    /** Feeds every entry written so far to {@code apply}, oldest first. */
    void replay(Consumer<Entry> apply);

    @Override
    default void close() {
    }

    /** One change of registry state. */
    sealed interface Entry permits SchemaVersion, CompatibilityConfig {
    }

    /** A version registered under a subject, or its soft deletion ({@code deleted}). */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements Entry {
    }

    /** The compatibility level of a subject, or the global level when {@code subject} is null. */
    record CompatibilityConfig(String subject, CompatibilityLevel level) implements Entry {
    }
}
