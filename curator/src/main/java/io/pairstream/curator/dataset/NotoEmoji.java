package io.pairstream.curator.dataset;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Noto emoji of the npm package {@code emoji-datasource-google}, unpacked: {@code emoji.json}
 * lists each emoji and {@code img/google/64/} holds its 64-px PNG. Skin-tone variants are left out
 * because the package gives them no names of their own.
 */
public final class NotoEmoji {

    private NotoEmoji() {
    }

    /** The emoji that have a Google image, in the file's order. */
    public static List<EmojiEntry> read(Path packageDirectory) throws IOException {
        Path imageDirectory = packageDirectory.resolve("img/google/64");
        JsonArray array;
        try (Reader reader = Files.newBufferedReader(packageDirectory.resolve("emoji.json"))) {
            array = JsonUtils.GSON.fromJson(reader, JsonArray.class);
        }
        List<EmojiEntry> entries = new ArrayList<>(array.size());
        for (JsonElement element : array) {
            JsonObject emoji = element.getAsJsonObject();
            if (!emoji.has("has_img_google") || !emoji.get("has_img_google").getAsBoolean()) {
                continue;
            }
            Path image = imageDirectory.resolve(emoji.get("image").getAsString());
            if (!Files.isRegularFile(image)) {
                continue;
            }
            List<String> shortNames = new ArrayList<>();
            for (JsonElement shortName : emoji.getAsJsonArray("short_names")) {
                shortNames.add(words(shortName.getAsString()));
            }
            entries.add(new EmojiEntry(
                    emoji.get("unified").getAsString(),
                    words(emoji.get("name").getAsString()),
                    shortNames,
                    emoji.get("category").getAsString(),
                    emoji.has("subcategory") ? emoji.get("subcategory").getAsString() : emoji.get("category").getAsString(),
                    image));
        }
        return entries;
    }

    private static String words(String raw) {
        return raw.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT).trim();
    }
}
