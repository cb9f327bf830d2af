package io.pairstream.curator.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * One layer of configuration: keys with their text values, and how to say where a key came from.
 *
 * @param name the layer, e.g. {@code file app.properties}
 * @param values the keys this layer sets
 * @param origins the variable or line each key was read from, where that differs from the key
 */
public record ConfigSource(String name, Map<String, String> values, Map<String, String> origins) {

    public ConfigSource {
        Objects.requireNonNull(name, "name cannot be null");
        values = Map.copyOf(values);
        origins = Map.copyOf(origins);
    }

    /** Where {@code key} was set, for messages: the layer, and the variable when it was one. */
    public String originOf(String key) {
        String origin = origins.get(key);
        return origin == null ? name : name + " " + origin;
    }

    /** A properties file. */
    public static ConfigSource file(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
        return new ConfigSource("file " + file, values, Map.of());
    }

    /** The process environment's {@code PAIRSTREAM_…} variables; see {@link EnvironmentOverrides}. */
    public static ConfigSource environment(Map<String, String> environment) {
        return EnvironmentOverrides.from(environment);
    }

    /** {@code key=value} settings given on the command line. */
    public static ConfigSource flags(Map<String, String> values) {
        return new ConfigSource("command line", values, Map.of());
    }
}
