package io.pairstream.curator.topics;

import java.util.List;

/** Existing topics whose configuration the service cannot work with; the message names every mismatch. */
public class TopicMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> mismatches;

    public TopicMismatchException(List<String> mismatches) {
        super("Existing topics do not match what pairstream needs (" + mismatches.size() + "):\n  - " + String.join("\n  - ", mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<String> mismatches() {
        return mismatches;
    }
}
