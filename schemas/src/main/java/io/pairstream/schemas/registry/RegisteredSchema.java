package io.pairstream.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** A schema as registered under a subject: its version there and its global id. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(schema, "schema cannot be null");
    }
}
