package io.pairstream.bench.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A real English corpus available offline: the short and long descriptions of Debian packages from
 * an uncompressed apt {@code Packages} index, split into distinct sentences of natural length.
 */
final class DebianDescriptions {

    private static final int MIN_WORDS = 4;
    private static final int MAX_WORDS = 40;

    private DebianDescriptions() {
    }

    /** Up to {@code limit} distinct sentences in a seeded random order. */
    static List<String> sentences(Path packagesFile, int limit, long seed) throws IOException {
        Set<String> distinct = new LinkedHashSet<>();
        StringBuilder longDescription = new StringBuilder();
        try (BufferedReader reader = Files.newBufferedReader(packagesFile, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("Description: ")) {
                    addSentences(longDescription, distinct);
                    addIfNatural(line.substring("Description: ".length()).trim(), distinct);
                } else if (line.startsWith(" ") && !line.equals(" .")) {
                    longDescription.append(line.trim()).append(' ');
                } else if (!line.startsWith(" ")) {
                    addSentences(longDescription, distinct);
                }
            }
        }
        addSentences(longDescription, distinct);
        List<String> sentences = new ArrayList<>(distinct);
        Collections.shuffle(sentences, new Random(seed));
        return sentences.subList(0, Math.min(limit, sentences.size()));
    }

    private static void addSentences(StringBuilder text, Set<String> sentences) {
        for (String sentence : text.toString().split("(?<=[.!?])\\s+")) {
            addIfNatural(sentence.trim(), sentences);
        }
        text.setLength(0);
    }

    private static void addIfNatural(String sentence, Set<String> sentences) {
        int words = sentence.isEmpty() ? 0 : sentence.split("\\s+").length;
        if (words >= MIN_WORDS && words <= MAX_WORDS) {
            sentences.add(sentence);
        }
    }
}
