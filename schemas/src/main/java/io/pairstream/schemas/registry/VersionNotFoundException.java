package io.pairstream.schemas.registry;

/** The subject exists but not the requested version (error code 40402). */
public class VersionNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 40402;

    public VersionNotFoundException(String message) {
        super(404, CODE, message);
    }
}
