package io.pairstream.schemas.registry;

/** The subject does not exist or has no live version (error code 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 40401;

    public SubjectNotFoundException(String message) {
        super(404, CODE, message);
    }
}
