package io.pairstream.trainer.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The configuration names of an enum's constants, and parsing them back. */
final class ConfigChoices {

    private ConfigChoices() {
    }

    static <E extends Enum<E>> List<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    static <E extends Enum<E>> E parse(E[] values, Function<E, String> name, String text, String what) {
        return Arrays.stream(values)
                .filter(v -> name.apply(v).equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " " + text + "; one of " + names(values, name)));
    }
}
