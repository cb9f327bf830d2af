package io.pairstream.schemas.registry;

/** The schema breaks the subject's compatibility level (error code 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 409;

    public IncompatibleSchemaException(String message) {
        super(409, CODE, message);
    }
}
