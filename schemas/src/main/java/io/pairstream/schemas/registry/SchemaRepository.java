package io.pairstream.schemas.registry;

import io.pairstream.schemas.registry.SchemaJournal.CompatibilityConfig;
import io.pairstream.schemas.registry.SchemaJournal.Entry;
import io.pairstream.schemas.registry.SchemaJournal.SchemaVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry itself: subjects, versions, global ids and compatibility levels, with the
 * semantics of Confluent's Schema Registry. Every change is written to a {@link SchemaJournal}
 * before it is applied, and the state is rebuilt from the journal on construction.
 *
 * <p>An identical schema text gets the same global id under every subject. Thread-safe.
 */
public final class SchemaRepository implements SchemaRegistryClient {

    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    private final SchemaJournal journal;
    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_COMPATIBILITY;
    private int maxId;

    public SchemaRepository(SchemaJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal cannot be null");
        journal.replay(this::apply);
    }

    /** Parses a schema text, turning a parse failure into the registry's invalid-schema error. */
    public static Schema parse(String schemaText) {
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw new InvalidSchemaException("Invalid Avro schema: " + e.getMessage());
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        SchemaVersion existing = liveVersionWithText(subject, text);
        if (existing != null) {
            return existing.id();
        }
        List<String> problems = incompatibilities(subject, schema);
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for subject '"
                    + subject + "' under " + getCompatibility(subject) + ": " + String.join("; ", problems));
        }
        int id = idsByText.getOrDefault(text, maxId + 1);
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
        write(new SchemaVersion(subject, version, id, text, false));
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        liveVersions(subject);
        SchemaVersion found = liveVersionWithText(subject, schema.toString());
        if (found == null) {
            throw new SchemaNotFoundException("Schema not found under subject '" + subject + "'");
        }
        return registered(found);
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<SchemaVersion> live = liveVersions(subject);
        return registered(live.get(live.size() - 1));
    }

    @Override
    public synchronized RegisteredSchema getVersion(String subject, int version) {
        for (SchemaVersion v : liveVersions(subject)) {
            if (v.version() == version) {
                return registered(v);
            }
        }
        throw new VersionNotFoundException("Version " + version + " not found under subject '" + subject + "'");
    }

    @Override
    public synchronized List<Integer> getVersions(String subject) {
        return liveVersions(subject).stream().map(SchemaVersion::version).toList();
    }

    @Override
    public synchronized List<String> getSubjects() {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach((name, versions) -> {
            if (versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return incompatibilities(subject, schema).isEmpty();
    }

    /** Why {@code schema} could not be registered under {@code subject} now; empty when it could. */
    public synchronized List<String> incompatibilities(String subject, Schema schema) {
        return getCompatibility(subject).incompatibilities(schema, liveSchemas(subject));
    }

    /** Incompatibilities of {@code schema} with one registered version, under the subject's level. */
    public synchronized List<String> incompatibilitiesWith(String subject, int version, Schema schema) {
        Schema existing = getVersion(subject, version).schema();
        return getCompatibility(subject).incompatibilities(schema, List.of(existing));
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** The level set on {@code subject} itself, or null when it follows the global level. */
    public synchronized CompatibilityLevel getOwnCompatibility(String subject) {
        return subjectLevels.get(subject);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        write(new CompatibilityConfig(subject, Objects.requireNonNull(level, "level cannot be null")));
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = new ArrayList<>();
        for (SchemaVersion v : liveVersions(subject)) {
            write(new SchemaVersion(v.subject(), v.version(), v.id(), v.schema(), true));
            deleted.add(v.version());
        }
        return deleted;
    }

    /** Soft-deletes one version ({@code latest} may be given as -1); its id stays resolvable. */
    public synchronized int deleteVersion(String subject, int version) {
        RegisteredSchema target = version == -1 ? getLatest(subject) : getVersion(subject, version);
        write(new SchemaVersion(subject, target.version(), target.id(), target.schema().toString(), true));
        return target.version();
    }

    @Override
    public void close() {
        journal.close();
    }

    private void write(Entry entry) {
        journal.append(entry);
        apply(entry);
    }

    private void apply(Entry entry) {
        if (entry instanceof SchemaVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            if (!schemasById.containsKey(v.id())) {
                schemasById.put(v.id(), parse(v.schema()));
                idsByText.put(v.schema(), v.id());
            }
            maxId = Math.max(maxId, v.id());
        } else if (entry instanceof CompatibilityConfig c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    private List<SchemaVersion> liveVersions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        List<SchemaVersion> live = versions == null ? List.of() : versions.values().stream().filter(v -> !v.deleted()).toList();
        if (live.isEmpty()) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found");
        }
        return live;
    }

    private List<Schema> liveSchemas(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> !v.deleted()).map(v -> schemasById.get(v.id())).toList();
    }

    private SchemaVersion liveVersionWithText(String subject, String text) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return null;
        }
        return versions.values().stream().filter(v -> !v.deleted() && v.schema().equals(text)).findFirst().orElse(null);
    }

    private RegisteredSchema registered(SchemaVersion v) {
        return new RegisteredSchema(v.subject(), v.version(), v.id(), schemasById.get(v.id()));
    }
}
