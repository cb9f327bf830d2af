package io.pairstream.curator.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an ingest run did.
 *
 * @param read samples the source delivered
 * @param sent records the broker acknowledged
 * @param skipped items not published: unreadable files, bad lines, undecodable images, empty captions
 * @param failed records the producer could not deliver
 * @param elapsed wall time of the run
 * @param problems the first problems, one line each, for the report
 */
public record IngestSummary(long read, long sent, long skipped, long failed, Duration elapsed, List<String> problems) {

    public IngestSummary {
        problems = List.copyOf(problems);
    }

    public void print(PrintStream out, String what, String topic) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        out.printf(Locale.ROOT, "Ingested %s into %s%n", what, topic);
        out.printf(Locale.ROOT, "  sent     %,d  (%,.0f records/s over %.1f s)%n", sent, sent / seconds, seconds);
        out.printf(Locale.ROOT, "  skipped  %,d%n", skipped);
        out.printf(Locale.ROOT, "  failed   %,d%n", failed);
        if (!problems.isEmpty()) {
            out.println("  first problems:");
            problems.forEach(problem -> out.println("    " + problem));
        }
    }
}
