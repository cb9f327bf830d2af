package io.pairstream.topology.ingest;

import io.pairstream.schemas.records.ImageTextPair;
import java.util.ArrayList;
import java.util.List;

/** Checks that a decoded pair can be curated, naming every problem at once. */
public final class PairValidator {

    private PairValidator() {
    }

    /** Throws {@link InvalidPairException} listing what is wrong with {@code pair}. */
    public static void requireValid(ImageTextPair pair) {
        List<String> problems = new ArrayList<>();
        if (pair.getId() == null || pair.getId().isBlank()) {
            problems.add("id is empty");
        }
        if (pair.getCaption() == null || pair.getCaption().isBlank()) {
            problems.add("caption is empty");
        }
        if (pair.getSource() == null || pair.getSource().isBlank()) {
            problems.add("source is empty");
        }
        if (pair.getImage() == null || !pair.getImage().hasRemaining()) {
            // The topology never calls out to fetch images: a stream processor must not block on remote I/O.
            problems.add(pair.getImageUri() == null
                    ? "image is missing"
                    : "image is not inline (imageUri " + pair.getImageUri() + "); the pipeline needs the image bytes in the record");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPairException("Invalid ImageTextPair '" + pair.getId() + "': " + String.join("; ", problems));
        }
    }
}
