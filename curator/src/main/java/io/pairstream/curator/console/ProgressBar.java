package io.pairstream.curator.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal: {@code [=======>      ]  53%  5,300/10,000  412/s  ETA 0:11  note}.
 * Without a known total it shows the count and rate. On a terminal the line is redrawn in place at
 * most ten times a second; elsewhere (a log file, CI) a plain line is written every few seconds, so
 * output stays readable. Call {@link #step} from one thread.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long TERMINAL_REDRAW_NANOS = Duration.ofMillis(100).toNanos();
    private static final long LOG_LINE_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long started;
    private long done;
    private long lastDrawn = Long.MIN_VALUE;
    private String note = "";
    private boolean finished;

    /**
     * @param total the number of steps, or 0 or less when unknown
     * @param terminal whether {@code out} is a terminal that understands a carriage return
     */
    public ProgressBar(PrintStream out, String label, long total, boolean terminal) {
        this(out, label, total, terminal, System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, long total, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    /** Whether standard error is an interactive terminal, the usual place for a progress bar. */
    public static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    /** Advances by {@code steps}; {@code note} (e.g. the failures so far) is shown after the figures. */
    public void step(long steps, String note) {
        done += steps;
        this.note = note == null ? "" : note;
        long now = nanoClock.getAsLong();
        if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= (terminal ? TERMINAL_REDRAW_NANOS : LOG_LINE_NANOS)) {
            draw(now);
        }
    }

    /** Prints {@code line} above the bar (a warning, a skipped file) without garbling it. */
    public void message(String line) {
        if (terminal) {
            out.print("\r\u001b[K");
        }
        out.println(line);
        if (terminal && lastDrawn != Long.MIN_VALUE && !finished) {
            draw(nanoClock.getAsLong());
        }
        out.flush();
    }

    public long done() {
        return done;
    }

    /** Draws the final state and ends the line; further calls do nothing. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            draw(nanoClock.getAsLong());
            if (terminal) {
                out.println();
            }
            out.flush();
        }
    }

    /** The line as drawn at {@code now}, without the carriage return. */
    String render(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 ? (filled == WIDTH ? "=" : ">") : "")
                    .append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  %,d/%,d", (int) Math.floor(fraction * 100), done, total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d", done));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            line.append("  ETA ").append(clock((long) ((total - done) / rate)));
        } else if (total > 0 && done >= total) {
            line.append("  in ").append(clock((long) seconds));
        }
        if (!note.isEmpty()) {
            line.append("  ").append(note);
        }
        return line.toString();
    }

    private void draw(long now) {
        lastDrawn = now;
        String line = render(now);
        if (terminal) {
            // Clear to the end of the line so a shorter line leaves no remnants.
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
