package io.pairstream.curator.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One emoji of the {@code emoji-datasource-google} package.
 *
 * @param unified the code points, e.g. {@code 1F600}; stable across releases
 * @param name the CLDR name, lower case, e.g. {@code grinning face}
 * @param shortNames the short names with separators turned into spaces, e.g. {@code grinning}
 * @param category e.g. {@code Smileys & Emotion}
 * @param subcategory e.g. {@code face-smiling}; the category where the file gives none
 * @param image the 64-px PNG
 */
public record EmojiEntry(String unified, String name, List<String> shortNames, String category, String subcategory, Path image) {

    public EmojiEntry {
        Objects.requireNonNull(unified, "unified cannot be null");
        Objects.requireNonNull(name, "name cannot be null");
        shortNames = List.copyOf(shortNames);
        Objects.requireNonNull(image, "image cannot be null");
    }
}
