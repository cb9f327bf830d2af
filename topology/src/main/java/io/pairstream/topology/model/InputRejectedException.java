package io.pairstream.topology.model;

import java.util.Objects;

/** An input the model cannot embed; the topology routes the record to the dead-letter topic with {@link #reason()}. */
public class InputRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an input was rejected. */
    public enum Reason {
        UNDECODABLE_IMAGE,
        UNSUPPORTED_IMAGE_FORMAT,
        IMAGE_TOO_LARGE,
        EMPTY_TEXT,
        TEXT_TOO_LONG,
        MODEL_FAILURE
    }

    private final Reason reason;

    public InputRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InputRejectedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
    }

    public Reason reason() {
        return reason;
    }
}
