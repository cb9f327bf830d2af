package io.pairstream.curator.config;

import io.pairstream.schemas.config.ConfigValidation;
import io.pairstream.schemas.registry.RegistryClientConfig;
import io.pairstream.schemas.serde.AvroSerdeConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The service's configuration, layered and validated once at start-up.
 *
 * <p>Layers, later ones winning: a properties file, {@code PAIRSTREAM_…} environment variables, then
 * {@code key=value} flags. Keys fall in three namespaces:
 * <ul>
 *   <li>{@code kafka.…}: passed to every Kafka client (producer, consumer, admin, Streams) without the prefix;</li>
 *   <li>{@code schema.registry.…}: the Schema Registry client and Avro serde, Confluent's names without the
 *       prefix ({@code schema.registry.basic.auth.user.info} → {@code basic.auth.user.info}), except the URL,
 *       which keeps its name {@code schema.registry.url};</li>
 *   <li>everything else: pairstream's own settings, declared by the {@link ConfigDef}s given to {@link #load}
 *       (the service's {@link ServiceSettings#CONFIG}, the topology's {@code CurationConfig.CONFIG}, ...).
 *       A key none of them declares is an error.</li>
 * </ul>
 * Without {@code kafka.bootstrap.servers} the service runs in embedded mode: it starts its own broker and
 * registry, and {@link #connectedTo} fills in their addresses.
 */
public final class ServiceConfig {

    public static final String KAFKA_PREFIX = "kafka.";
    public static final String REGISTRY_PREFIX = "schema.registry.";
    public static final String BOOTSTRAP_SERVERS = KAFKA_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String REGISTRY_URL = RegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG;

    /** Placeholder that lets the registry keys be validated before the embedded registry has an address. */
    private static final String EMBEDDED_REGISTRY_PLACEHOLDER = "http://embedded.invalid";

    private final List<ConfigSource> sources;
    private final ConfigDef definition;
    private final Map<String, String> effective;

    private ServiceConfig(List<ConfigSource> sources, ConfigDef definition, Map<String, String> effective) {
        this.sources = List.copyOf(sources);
        this.definition = definition;
        this.effective = Collections.unmodifiableMap(effective);
    }

    /**
     * Merges {@code sources} (lowest precedence first) and validates the result against {@code definitions}.
     *
     * @throws ConfigException naming every bad key, one per line, with where it was set
     * @throws IllegalArgumentException if two definitions declare the same key
     */
    public static ServiceConfig load(List<ConfigSource> sources, List<ConfigDef> definitions) {
        ConfigDef definition = merge(definitions);
        Map<String, String> effective = new TreeMap<>();
        sources.forEach(source -> effective.putAll(source.values()));
        ServiceConfig config = new ServiceConfig(sources, definition, effective);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "):\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    /** The same configuration with the embedded platform's addresses, as the lowest layer. */
    public ServiceConfig connectedTo(String bootstrapServers, String schemaRegistryUrl) {
        List<ConfigSource> withPlatform = new ArrayList<>();
        withPlatform.add(new ConfigSource("embedded platform", Map.of(BOOTSTRAP_SERVERS, bootstrapServers, REGISTRY_URL, schemaRegistryUrl), Map.of()));
        withPlatform.addAll(sources);
        Map<String, String> effective = new TreeMap<>(this.effective);
        effective.putIfAbsent(BOOTSTRAP_SERVERS, bootstrapServers);
        effective.putIfAbsent(REGISTRY_URL, schemaRegistryUrl);
        return new ServiceConfig(withPlatform, definition, effective);
    }

    /** Whether no external Kafka is configured, so the service starts its embedded broker and registry. */
    public boolean embedded() {
        return !effective.containsKey(BOOTSTRAP_SERVERS);
    }

    /** pairstream's own keys with their text values, for {@code AbstractConfig}s such as {@link ServiceSettings#of} and {@code CurationConfig.of}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        effective.forEach((key, value) -> {
            if (namespaceOf(key) == Namespace.PAIRSTREAM) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** Properties for any Kafka client: the {@code kafka.…} keys without their prefix. */
    public Map<String, Object> kafka() {
        Map<String, Object> kafka = new HashMap<>();
        effective.forEach((key, value) -> {
            if (namespaceOf(key) == Namespace.KAFKA) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return kafka;
    }

    /** Properties for the Schema Registry client and Avro serde, under Confluent's names. */
    public Map<String, Object> registry() {
        Map<String, Object> registry = new HashMap<>();
        effective.forEach((key, value) -> {
            if (namespaceOf(key) == Namespace.REGISTRY) {
                registry.put(registryName(key), value);
            }
        });
        return registry;
    }

    /**
     * Every key in effect, defaults included, as {@code key = value  (where it was set)}, secrets
     * hidden: what {@code --print-config} prints and what may be logged.
     */
    public List<String> describe() {
        Map<String, String> lines = new TreeMap<>();
        definition.configKeys().forEach((name, key) -> {
            if (!effective.containsKey(name) && key.hasDefault()) {
                String value = key.defaultValue == null ? "" : ConfigDef.convertToString(key.defaultValue, key.type);
                lines.put(name, name + " = " + shown(name, value) + "  (default)");
            }
        });
        effective.forEach((name, value) -> lines.put(name, name + " = " + shown(name, value) + "  (" + originOf(name) + ")"));
        return List.copyOf(lines.values());
    }

    private String shown(String name, String value) {
        ConfigDef.ConfigKey key = definition.configKeys().get(name);
        return key != null && key.type == ConfigDef.Type.PASSWORD ? Secrets.HIDDEN : Secrets.mask(name, value);
    }

    private String originOf(String key) {
        String origin = null;
        for (ConfigSource source : sources) {
            if (source.values().containsKey(key)) {
                origin = source.originOf(key);
            }
        }
        return origin;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> settings = settings();
        settings.keySet().stream().filter(key -> !definition.names().contains(key)).sorted()
                .forEach(key -> problems.add(key + ": unknown key (" + originOf(key) + ")" + suggestion(key).map(s -> "; did you mean '" + s + "'?").orElse("")));
        ConfigValidation.problems(definition, settings).forEach(problems::add);

        Map<String, Object> registry = registry();
        if (embedded()) {
            if (registry.containsKey(REGISTRY_URL)) {
                problems.add(REGISTRY_URL + ": set without " + BOOTSTRAP_SERVERS + "; an external registry needs an external Kafka (or unset both for the embedded platform)");
            }
            registry.put(REGISTRY_URL, EMBEDDED_REGISTRY_PLACEHOLDER);
        }
        registry.keySet().stream().filter(name -> !AvroSerdeConfig.CONFIG.names().contains(name)).sorted()
                .forEach(name -> problems.add(registryKey(name) + ": unknown Schema Registry or Avro serde key (" + originOf(registryKey(name)) + ")"
                        + KeySuggestions.closest(name, AvroSerdeConfig.CONFIG.names()).map(s -> "; did you mean '" + registryKey(s) + "'?").orElse("")));
        ConfigValidation.problems(AvroSerdeConfig.CONFIG, registry).forEach(problem -> problems.add(registryKey(problem.substring(0, problem.indexOf(':')))
                + problem.substring(problem.indexOf(':'))));
        effective.keySet().stream().filter(key -> key.equals(KAFKA_PREFIX) || key.equals(REGISTRY_PREFIX))
                .forEach(key -> problems.add(key + ": a prefix without a key after it"));
        return problems;
    }

    /** A pairstream key that is really a Kafka or registry key missing its prefix is pointed there; otherwise the closest declared key. */
    private Optional<String> suggestion(String key) {
        if (KafkaClientKeys.ALL.contains(key)) {
            return Optional.of(KAFKA_PREFIX + key);
        }
        if (AvroSerdeConfig.CONFIG.names().contains(key)) {
            return Optional.of(registryKey(key));
        }
        return KeySuggestions.closest(key, definition.names());
    }

    private static String registryName(String key) {
        return key.equals(REGISTRY_URL) ? key : key.substring(REGISTRY_PREFIX.length());
    }

    private static String registryKey(String name) {
        return name.equals(REGISTRY_URL) ? name : REGISTRY_PREFIX + name;
    }

    private enum Namespace { KAFKA, REGISTRY, PAIRSTREAM }

    private static Namespace namespaceOf(String key) {
        if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
            return Namespace.KAFKA;
        }
        if (key.startsWith(REGISTRY_PREFIX) && key.length() > REGISTRY_PREFIX.length()) {
            return Namespace.REGISTRY;
        }
        return Namespace.PAIRSTREAM;
    }

    private static ConfigDef merge(List<ConfigDef> definitions) {
        ConfigDef merged = new ConfigDef();
        for (ConfigDef definition : definitions) {
            for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
                if (merged.names().contains(key.name)) {
                    throw new IllegalArgumentException("configuration key " + key.name + " is declared by two definitions");
                }
                merged.define(key);
            }
        }
        return merged;
    }

    /** The keys Kafka's clients know, to point a key that lacks its {@code kafka.} prefix to the right name. */
    private static final class KafkaClientKeys {
        static final Set<String> ALL = all();

        private static Set<String> all() {
            Set<String> all = new TreeSet<>();
            all.addAll(ProducerConfig.configNames());
            all.addAll(ConsumerConfig.configNames());
            all.addAll(AdminClientConfig.configNames());
            all.addAll(StreamsConfig.configDef().names());
            return all;
        }
    }

    @Override
    public String toString() {
        return String.join("\n", describe());
    }
}
