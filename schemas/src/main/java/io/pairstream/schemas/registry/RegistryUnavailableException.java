package io.pairstream.schemas.registry;

/** No configured registry URL answered, after retries (error code 50003, as the registry reports forwarding failures). */
public class RegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int CODE = 50003;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(503, CODE, message, cause);
    }
}
