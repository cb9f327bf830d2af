package io.pairstream.curator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.curator.embedded.EmbeddedPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pairstream demo} end to end on a small part of the bundled sample: it must end on its
 * own with status 0, write the report, and print a summary whose figures match what the run wrote
 * to the topics (read back afterwards from the same embedded broker).
 */
class DemoIT {

    private static final Pattern COUNTS = Pattern.compile("stored ([\\d,]+) +rejected ([\\d,]+) +dead-lettered ([\\d,]+) +positives out ([\\d,]+)");

    @TempDir
    Path directory;

    @Test
    void shouldStreamTheBundledSampleAndReportFiguresFromTheRun() throws Exception {
        Path data = directory.resolve("demo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PairstreamCli.run(new String[] {"demo", "--data-dir", data.toString(), "--limit", "120",
                "--set", "http.port=0"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));

        assertTrue(printed.contains("records in 241 (sent 240 pairs"), printed);
        Matcher counts = COUNTS.matcher(printed);
        assertTrue(counts.find(), printed);
        long stored = number(counts.group(1));
        long rejected = number(counts.group(2));
        long deadLettered = number(counts.group(3));
        long positives = number(counts.group(4));
        assertEquals(241, stored + rejected + deadLettered, printed);
        assertEquals(1, deadLettered, "the record that is not Avro");
        assertTrue(printed.contains("fashion-mnist / TEXT_GUIDED"), printed);

        Path report = data.resolve("report");
        assertTrue(Files.readString(report.resolve("index.html")).contains("label agreement"));
        assertTrue(ImageIO.read(report.resolve("pairs.png").toFile()).getWidth() > 200);
        assertTrue(ImageIO.read(report.resolve("metrics.png").toFile()).getWidth() > 200);

        try (EmbeddedPlatform platform = EmbeddedPlatform.start(data)) {
            assertEquals(rejected, count(platform.bootstrapServers(), "pairs.rejected"), "the summary's rejections are the topic's");
            assertEquals(positives, count(platform.bootstrapServers(), "pairs.positive"), "and so are its pairs");
            assertEquals(1, count(platform.bootstrapServers(), "pairs.dlq"));
        }
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private static long count(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            int emptyPolls = 0;
            while (emptyPolls < 6) {
                int read = consumer.poll(Duration.ofMillis(500)).count();
                count += read;
                emptyPolls = read == 0 ? emptyPolls + 1 : 0;
            }
            return count;
        }
    }
}
