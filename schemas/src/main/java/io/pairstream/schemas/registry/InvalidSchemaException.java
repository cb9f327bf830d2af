package io.pairstream.schemas.registry;

/** The schema text is not a valid Avro schema (error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 42201;

    public InvalidSchemaException(String message) {
        super(422, CODE, message);
    }
}
