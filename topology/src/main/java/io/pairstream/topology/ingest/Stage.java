package io.pairstream.topology.ingest;

import java.util.Locale;

/** The pipeline stage at which a record failed, as written in {@code DeadLetter.stage}. */
public enum Stage {
    DECODE, VALIDATE, EMBED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
