package io.pairstream.curator.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void shouldShowFractionCountRateAndEta() {
        ProgressBar bar = new ProgressBar(out, "ingest", 1000, true, nanos::get);
        nanos.set(2_000_000_000L);
        bar.step(500, "skipped 3");
        assertEquals("ingest [==============>               ]  50%  500/1,000  250/s  ETA 0:02  skipped 3", bar.render(nanos.get()));
    }

    @Test
    void shouldShowCountAndRateWhenTheTotalIsUnknown() {
        ProgressBar bar = new ProgressBar(out, "tail", -1, true, nanos::get);
        nanos.set(1_000_000_000L);
        bar.step(1234, null);
        assertEquals("tail 1,234  1,234/s", bar.render(nanos.get()));
    }

    @Test
    void shouldWritePlainLinesSparinglyWhenNotOnATerminal() {
        ProgressBar bar = new ProgressBar(out, "ingest", 10, false, nanos::get);
        for (int i = 0; i < 10; i++) {
            nanos.addAndGet(100_000_000L);
            bar.step(1, "");
        }
        bar.close();
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, written.lines().count(), written);
        assertTrue(written.lines().reduce((a, b) -> b).orElseThrow().contains("100%  10/10"), written);
        assertTrue(!written.contains("\r"), "no carriage returns in a log");
    }

    @Test
    void shouldPrintAMessageAboveTheBar() {
        ProgressBar bar = new ProgressBar(out, "ingest", 10, true, nanos::get);
        bar.step(1, "");
        bar.message("skipped a.png: not an image");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\r\u001b[Kskipped a.png: not an image\n"));
    }
}
