package io.pairstream.schemas.registry;

/** The compatibility level is not one the registry knows (error code 42203). */
public class InvalidCompatibilityLevelException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 42203;

    public InvalidCompatibilityLevelException(String message) {
        super(422, CODE, message);
    }
}
