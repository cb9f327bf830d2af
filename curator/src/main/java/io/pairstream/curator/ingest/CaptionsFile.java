package io.pairstream.curator.ingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a captions file: CSV with a header row, or JSON Lines, chosen by the file's extension.
 * Columns (or fields) are {@code file} (also {@code image}, {@code filename}, {@code path}),
 * {@code caption} (also {@code text}), and optionally {@code label} and {@code id}. A line that
 * cannot be parsed or lacks a file or caption is reported and skipped.
 */
final class CaptionsFile {

    private static final List<String> FILE_NAMES = List.of("file", "image", "filename", "path");
    private static final List<String> CAPTION_NAMES = List.of("caption", "text");

    private CaptionsFile() {
    }

    /** The rows that could be read; the others are reported to {@code sink}. */
    static List<CaptionRow> read(Path file, PairSink sink) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return readJsonLines(file, sink);
        }
        if (name.endsWith(".csv")) {
            return readCsv(file, sink);
        }
        throw new IOException("captions file " + file + " must end in .csv, .jsonl or .ndjson");
    }

    private static List<CaptionRow> readCsv(Path file, PairSink sink) throws IOException {
        List<CaptionRow> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null) {
                return rows;
            }
            List<String> columns = CsvLine.split(header.replace("\uFEFF", "")).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            int fileColumn = indexOfAny(columns, FILE_NAMES);
            int captionColumn = indexOfAny(columns, CAPTION_NAMES);
            if (fileColumn < 0 || captionColumn < 0) {
                throw new IOException(file + ": the header needs a file column (" + String.join("/", FILE_NAMES)
                        + ") and a caption column (" + String.join("/", CAPTION_NAMES) + "), found " + columns);
            }
            int labelColumn = columns.indexOf("label");
            int idColumn = columns.indexOf("id");
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    List<String> cells = CsvLine.split(line);
                    Map<String, String> fields = new TreeMap<>();
                    put(fields, "file", cells, fileColumn);
                    put(fields, "caption", cells, captionColumn);
                    put(fields, "label", cells, labelColumn);
                    put(fields, "id", cells, idColumn);
                    row(file, number, fields, sink, rows);
                } catch (IllegalArgumentException e) {
                    sink.skip(file + ":" + number, e.getMessage());
                }
            }
        }
        return rows;
    }

    private static List<CaptionRow> readJsonLines(Path file, PairSink sink) throws IOException {
        List<CaptionRow> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonElement element = JsonParser.parseString(line);
                    if (!element.isJsonObject()) {
                        sink.skip(file + ":" + number, "not a JSON object");
                        continue;
                    }
                    JsonObject object = element.getAsJsonObject();
                    Map<String, String> fields = new TreeMap<>();
                    fields.put("file", firstString(object, FILE_NAMES));
                    fields.put("caption", firstString(object, CAPTION_NAMES));
                    fields.put("label", firstString(object, List.of("label")));
                    fields.put("id", firstString(object, List.of("id")));
                    row(file, number, fields, sink, rows);
                } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                    sink.skip(file + ":" + number, "not valid JSON: " + e.getMessage());
                }
            }
        }
        return rows;
    }

    private static void row(Path file, int number, Map<String, String> fields, PairSink sink, List<CaptionRow> rows) {
        String image = blankToNull(fields.get("file"));
        String caption = blankToNull(fields.get("caption"));
        if (image == null || caption == null) {
            sink.skip(file + ":" + number, image == null ? "no image file named" : "no caption");
            return;
        }
        rows.add(new CaptionRow(number, image, caption, blankToNull(fields.get("label")), blankToNull(fields.get("id"))));
    }

    private static void put(Map<String, String> fields, String name, List<String> cells, int column) {
        if (column >= 0 && column < cells.size()) {
            fields.put(name, cells.get(column));
        }
    }

    private static String firstString(JsonObject object, List<String> names) {
        for (String name : names) {
            JsonElement value = object.get(name);
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return null;
    }

    private static int indexOfAny(List<String> columns, List<String> names) {
        for (String name : names) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
