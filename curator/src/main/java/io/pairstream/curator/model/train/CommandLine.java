package io.pairstream.curator.model.train;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of the training and evaluation commands, each with a default. */
final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args} against {@code defaults}; an unknown option or one without a value fails with the known ones listed. */
    static CommandLine parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        Set<String> known = defaults.keySet();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option '" + args[i] + "'; options (with defaults): " + defaults);
            }
            values.put(name, args[i + 1]);
        }
        return new CommandLine(values);
    }

    String string(String name) {
        return values.get(name);
    }

    Path path(String name) {
        return Path.of(values.get(name));
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    float decimal(String name) {
        return Float.parseFloat(values.get(name));
    }
}
