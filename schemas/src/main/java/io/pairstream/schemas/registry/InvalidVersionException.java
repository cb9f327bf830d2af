package io.pairstream.schemas.registry;

/** The version is neither a positive integer nor {@code latest} (error code 42202). */
public class InvalidVersionException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 42202;

    public InvalidVersionException(String message) {
        super(422, CODE, message);
    }
}
