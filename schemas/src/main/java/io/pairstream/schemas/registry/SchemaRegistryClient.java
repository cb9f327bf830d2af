package io.pairstream.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The Schema Registry operations pairstream uses, with the semantics of Confluent's REST API.
 * Implemented over HTTP ({@link RestSchemaRegistryClient}), in memory ({@link SchemaRepository},
 * behind {@code mock://} URLs and behind the embedded server), and as a cache in front of either.
 *
 * <p>Failures are {@link SchemaRegistryException}s whose subclass says what went wrong.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The registration of {@code schema} under {@code subject}; {@link SchemaNotFoundException} if it was never registered there. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id. */
    Schema getById(int id);

    /** The newest live version under {@code subject}. */
    RegisteredSchema getLatest(String subject);

    /** One version under {@code subject}. */
    RegisteredSchema getVersion(String subject, int version);

    /** Live version numbers under {@code subject}, oldest first. */
    List<Integer> getVersions(String subject);

    /** Subjects with at least one live version, sorted. */
    List<String> getSubjects();

    /** Whether {@code schema} could be registered under {@code subject} under its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** The compatibility level in force for {@code subject}: its own, else the global one. {@code null} subject: the global one. */
    CompatibilityLevel getCompatibility(String subject);

    /** Sets the level of {@code subject}; {@code null} subject sets the global level. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Soft-deletes every version of {@code subject} and returns their numbers. */
    List<Integer> deleteSubject(String subject);

    @Override
    default void close() {
    }
}
