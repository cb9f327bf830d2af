package io.pairstream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Schema Registry compatibility levels, with the Avro check each implies. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Checks a candidate against the versions already registered (oldest first) and returns one
     * message per incompatibility; empty when the candidate may be registered.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> existingOldestFirst) {
        List<String> problems = new ArrayList<>();
        if (existingOldestFirst.isEmpty()) {
            return problems;
        }
        List<Schema> against = transitive ? existingOldestFirst : existingOldestFirst.subList(existingOldestFirst.size() - 1, existingOldestFirst.size());
        for (Schema existing : against) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), "the new schema cannot read data written with an existing one", problems);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), "an existing schema cannot read data written with the new one", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(i -> problems.add(
                    direction + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }

    /** Parses a level name as the REST API spells it, naming the valid ones when it is not one. */
    public static CompatibilityLevel parse(String name) {
        for (CompatibilityLevel level : values()) {
            if (level.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return level;
            }
        }
        throw new InvalidCompatibilityLevelException("Invalid compatibility level '" + name + "'; valid levels are " + List.of(values()));
    }
}
