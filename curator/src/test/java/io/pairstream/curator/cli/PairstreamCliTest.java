package io.pairstream.curator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PairstreamCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PairstreamCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRejectAnUnknownCommandWithUsageAndStatusTwo() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("demo"));
    }

    @Test
    void shouldRejectAnUnknownFlagNamingIt() {
        assertEquals(2, run("demo", "--fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--fast'"));
    }

    @Test
    void shouldRejectAFlagWithoutItsValue() {
        assertEquals(2, run("demo", "--data-dir"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--data-dir needs a directory"));
    }

    @Test
    void shouldPrintHelpAndSucceed() {
        assertEquals(0, run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: ./pairstream"));
    }

    @Test
    void shouldRejectAnUnknownTrainingOptionListingTheKnownOnes() {
        assertEquals(2, run("train-mini-clip", "--epochs", "3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad option '--epochs'"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("steps"));
    }

    @Test
    void shouldExplainTheEvaluationCommand() {
        assertEquals(2, run("evaluate-mini-clip", "--help"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Zero-shot accuracy"));
    }
}
