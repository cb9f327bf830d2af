package io.pairstream.curator.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps environment variables to configuration keys: {@code PAIRSTREAM_} followed by the key in
 * upper case with dots as underscores, so {@code PAIRSTREAM_TOPIC_PAIRS_RAW} sets
 * {@code topic.pairs.raw} and {@code PAIRSTREAM_KAFKA_SASL_JAAS_CONFIG} sets
 * {@code kafka.sasl.jaas.config}. A double underscore stands for a literal underscore, as in
 * Confluent's images.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "PAIRSTREAM_";

    /** Variables of the launcher script, not configuration. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("PAIRSTREAM_JAVA_OPTS");

    private EnvironmentOverrides() {
    }

    static ConfigSource from(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        // Sorted so that messages list variables in a stable order.
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(PREFIX) && variable.length() > PREFIX.length() && !LAUNCHER_VARIABLES.contains(variable)) {
                String key = keyOf(variable);
                values.put(key, value.trim());
                origins.put(key, "(" + variable + ")");
            }
        });
        return new ConfigSource("environment", values, origins);
    }

    static String keyOf(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
                .replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    static String variableOf(String key) {
        return PREFIX + key.replace("_", "__").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
