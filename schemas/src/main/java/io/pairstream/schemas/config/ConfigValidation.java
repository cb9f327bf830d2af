package io.pairstream.schemas.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Validates a configuration against a {@link ConfigDef} and reports every problem at once,
 * where {@code AbstractConfig} stops at the first.
 */
public final class ConfigValidation {

    private ConfigValidation() {
    }

    /**
     * Throws a {@link ConfigException} naming every key of {@code definition} whose value in
     * {@code props} is missing or invalid; {@code what} names the configuration in the message.
     */
    public static void requireValid(ConfigDef definition, Map<String, ?> props, String what) {
        throwIfAny(problems(definition, props), what);
    }

    private static void throwIfAny(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid " + what + " configuration (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * One line per key of {@code definition} whose value in {@code props} is missing or invalid,
     * {@code key: what is wrong}; secrets are never echoed. Empty when all is well.
     */
    public static List<String> problems(ConfigDef definition, Map<String, ?> props) {
        Map<String, String> asText = new HashMap<>();
        props.forEach((k, v) -> {
            if (v != null) {
                asText.put(k, text(v));
            }
        });
        List<String> problems = new ArrayList<>();
        for (ConfigValue value : definition.validate(asText)) {
            if (value.errorMessages().isEmpty()) {
                continue;
            }
            // The first message is the cause; ConfigDef follows a parse failure with a redundant "must be non-null".
            // Never echo a secret back in an error.
            String message = definition.configKeys().get(value.name()).type == ConfigDef.Type.PASSWORD
                    ? "invalid value (hidden)" : value.errorMessages().get(0);
            problems.add(value.name() + ": " + message);
        }
        return problems;
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Password password) {
            return password.value();
        }
        return String.valueOf(value);
    }
}
