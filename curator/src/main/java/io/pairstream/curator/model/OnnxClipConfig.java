package io.pairstream.curator.model;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The small {@code clip_config.json} beside an ONNX CLIP export; every field is optional and
 * defaults to OpenAI CLIP ViT-B's values:
 *
 * <pre>{@code
 * {"name": "clip-vit-b-32", "image_size": 224, "mean": [0.481, 0.458, 0.408], "std": [0.269, 0.261, 0.276],
 *  "context_length": 77, "pad_to_context_length": true, "image_output": "image_embeds",
 *  "text_output": "text_embeds", "text_pooling": "none"}
 * }</pre>
 *
 * @param name the model name in its version string; the directory name when absent
 * @param imageSize side of the square the visual tower takes
 * @param mean per-channel normalisation mean
 * @param std per-channel normalisation std
 * @param contextLength tokens per text
 * @param padToContextLength whether texts are always padded to the context length (exports traced with a fixed length)
 * @param imageOutput the visual tower's embedding output; the first output when {@code null}
 * @param textOutput the text tower's embedding output; the first output when {@code null}
 * @param textPooling how the text output becomes one vector
 */
public record OnnxClipConfig(String name, int imageSize, float[] mean, float[] std, int contextLength,
                             boolean padToContextLength, String imageOutput, String textOutput, Pooling textPooling) {

    public static final String FILE_NAME = "clip_config.json";

    /** Reads {@link #FILE_NAME} from {@code directory}, or the defaults when there is none. */
    static OnnxClipConfig read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        JsonObject json = new JsonObject();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                json = JsonUtils.GSON.fromJson(reader, JsonObject.class);
            }
        }
        Path fileName = directory.toAbsolutePath().normalize().getFileName();
        return new OnnxClipConfig(
                json.has("name") ? json.get("name").getAsString() : String.valueOf(fileName),
                json.has("image_size") ? json.get("image_size").getAsInt() : 224,
                json.has("mean") ? JsonUtils.GSON.fromJson(json.get("mean"), float[].class) : ImagePreprocessor.CLIP_MEAN,
                json.has("std") ? JsonUtils.GSON.fromJson(json.get("std"), float[].class) : ImagePreprocessor.CLIP_STD,
                json.has("context_length") ? json.get("context_length").getAsInt() : 77,
                !json.has("pad_to_context_length") || json.get("pad_to_context_length").getAsBoolean(),
                json.has("image_output") ? json.get("image_output").getAsString() : null,
                json.has("text_output") ? json.get("text_output").getAsString() : null,
                json.has("text_pooling")
                        ? Pooling.valueOf(json.get("text_pooling").getAsString().toUpperCase(Locale.ROOT))
                        : Pooling.NONE);
    }
}
