package io.pairstream.schemas.registry;

/** No schema with this id, or the schema is not registered under the subject (error code 40403). */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 40403;

    public SchemaNotFoundException(String message) {
        super(404, CODE, message);
    }
}
