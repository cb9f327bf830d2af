package io.pairstream.curator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairstreamCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PairstreamCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
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
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--data-dir needs a value"));
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

    @Test
    void shouldAskForASourceToIngest() {
        assertEquals(2, run("ingest"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("name a source: --folder, --webdataset, --fashion-mnist or --emoji"));
    }

    @Test
    void shouldRejectTwoSourcesAndBadNumbers() {
        assertEquals(2, run("ingest", "--emoji", "/tmp/a", "--fashion-mnist", "/tmp/b"));
        assertEquals(2, run("ingest", "--emoji", "/tmp/a", "--rate", "-3"));
        assertEquals(2, run("ingest", "--emoji", "/tmp/a", "--limit", "many"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("name one source, not --emoji and --fashion-mnist"), errors);
        assertTrue(errors.contains("--rate needs a positive number, not '-3'"), errors);
        assertTrue(errors.contains("--limit needs a whole number of at least 1, not 'many'"), errors);
    }

    @Test
    void shouldNeedCaptionsForAFolder() {
        assertEquals(2, run("ingest", "--folder", "/tmp/images"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--folder needs --captions FILE"));
    }

    @Test
    void shouldReportBadConfigurationAsAUsageError() {
        assertEquals(2, run("tail", "--set", "topic.pairs.postive=x", "--set", "http.port=-1"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("2 problems"), errors);
        assertTrue(errors.contains("did you mean 'topic.pairs.positive'?"), errors);
    }

    @Test
    void shouldRejectAMalformedSetting() {
        assertEquals(2, run("tail", "--set", "novalue"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--set needs KEY=VALUE, not 'novalue'"));
    }

    @Test
    void shouldRejectAnUnknownTailTopic() {
        assertEquals(2, run("tail", "--topic", "pairs.raw"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--topic is pairs.positive, pairs.rejected, curation.metrics or pairs.dlq"));
    }

    @Test
    void shouldPrintTheEffectiveConfigurationWithSecretsHidden() {
        int status = PairstreamCli.run(new String[] {"tail", "--print-config", "--bootstrap-server", "kafka:9092", "--schema-registry", "http://r:8081",
                        "--set", "kafka.sasl.jaas.config=secret-jaas"},
                Map.of("PAIRSTREAM_TOPIC_PAIRS_POSITIVE", "positives"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertTrue(printed.contains("topic.pairs.positive = positives  (environment (PAIRSTREAM_TOPIC_PAIRS_POSITIVE))"), printed);
        assertTrue(printed.contains("kafka.sasl.jaas.config = [hidden]"), printed);
        assertTrue(!printed.contains("secret-jaas"), printed);
    }

    @Test
    void shouldExplainIngestAndTailWithExamples() {
        assertEquals(2, run("ingest", "--help"));
        assertEquals(2, run("tail", "-h"));
        String help = err.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("usage: ./pairstream ingest") && help.contains("usage: ./pairstream tail"), help);
        assertTrue(help.contains("examples:"), help);
    }
}
