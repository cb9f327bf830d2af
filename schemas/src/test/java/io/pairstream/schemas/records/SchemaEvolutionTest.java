package io.pairstream.schemas.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The evolution policy: every schema stays BACKWARD compatible with each released version kept
 * under {@code schema-history/vN}, so consumers upgraded first still read what older producers
 * write. Releasing a version means copying {@code src/main/avro} to a new {@code vN} folder.
 */
class SchemaEvolutionTest {

    private static final Path MAIN = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/test/resources/schema-history");

    @Test
    void shouldStayBackwardCompatibleWithEveryReleasedVersion() throws IOException {
        Map<String, Schema> current = schemasIn(MAIN);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> versions = Files.list(HISTORY)) {
            for (Path version : versions.sorted().toList()) {
                schemasIn(version).forEach((name, released) -> {
                    Schema now = current.get(name);
                    if (now == null) {
                        problems.add(version.getFileName() + "/" + name + ": removed, but released schemas must stay readable");
                    } else {
                        CompatibilityLevel.BACKWARD.incompatibilities(now, List.of(released))
                                .forEach(p -> problems.add(version.getFileName() + "/" + name + ": " + p));
                    }
                });
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldDetectABreakingChangeTheWayThePolicyCheckDoes() throws IOException {
        Schema released = schemasIn(HISTORY.resolve("v1")).get("ImageTextPair");
        String withRequiredField = released.toString().replace("\"fields\":[", "\"fields\":[{\"name\":\"width\",\"type\":\"int\"},");
        Schema breaking = new Schema.Parser().parse(withRequiredField);

        List<String> problems = CompatibilityLevel.BACKWARD.incompatibilities(breaking, List.of(released));

        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("width"), problems.get(0));
    }

    @Test
    void shouldGenerateAClassForEverySchemaFile() throws IOException {
        for (Schema schema : schemasIn(MAIN).values()) {
            // Generated classes add avro.java.string properties; the parsing form ignores them.
            Schema generated = SpecificData.get().getSchema(SpecificData.get().getClass(schema));
            assertEquals(SchemaNormalization.toParsingForm(schema), SchemaNormalization.toParsingForm(generated), schema.getFullName());
        }
    }

    private static Map<String, Schema> schemasIn(Path folder) throws IOException {
        Map<String, Schema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                schemas.put(schema.getName(), schema);
            }
        }
        return schemas;
    }
}
