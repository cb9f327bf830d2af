package io.pairstream.schemas.registry;

/**
 * A failed Schema Registry operation, carrying the HTTP status and the registry's error code
 * (e.g. 40401 subject not found). Subclasses name the common cases; {@link #of} maps a REST error
 * response to the matching subclass.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")", cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry's message, without the status and code suffix. */
    public String registryMessage() {
        String message = getMessage();
        return message.substring(0, message.lastIndexOf(" (HTTP "));
    }

    /** Maps a REST error response to its typed exception. */
    public static SchemaRegistryException of(int httpStatus, int errorCode, String message) {
        return switch (errorCode) {
            case SubjectNotFoundException.CODE -> new SubjectNotFoundException(message);
            case VersionNotFoundException.CODE -> new VersionNotFoundException(message);
            case SchemaNotFoundException.CODE -> new SchemaNotFoundException(message);
            case IncompatibleSchemaException.CODE -> new IncompatibleSchemaException(message);
            case InvalidSchemaException.CODE -> new InvalidSchemaException(message);
            case InvalidVersionException.CODE -> new InvalidVersionException(message);
            case InvalidCompatibilityLevelException.CODE -> new InvalidCompatibilityLevelException(message);
            default -> new SchemaRegistryException(httpStatus, errorCode, message);
        };
    }
}
