package io.pairstream.curator.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.curator.console.ProgressBar;
import io.pairstream.schemas.records.ImageTextPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final MockProducer<String, ImageTextPair> producer = new MockProducer<>(true, null, new StringSerializer(), noSerializer());

    private static Serializer<ImageTextPair> noSerializer() {
        return (topic, value) -> new byte[0];
    }

    private Ingestor ingestor(long limit) {
        return new Ingestor(producer, "pairs.raw", null, limit, new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), "ingest", -1, false));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = IngestorTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    private void writeImages() throws IOException {
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/bag.png"), fixture("fashion-bag.png"));
        Files.write(dir.resolve("img/trouser.png"), fixture("fashion-trouser.png"));
        Files.writeString(dir.resolve("img/broken.png"), "not an image");
    }

    @Test
    void shouldPublishACaptionedFolderAndSkipWhatItCannotRead() throws IOException {
        writeImages();
        Files.writeString(dir.resolve("captions.csv"), """
                file,caption,label
                bag.png,"a bag, leather",Bag
                trouser.png,a photo of trousers,Trouser
                broken.png,a broken file,Bag
                missing.png,a missing file,Bag
                bag.png,,Bag
                "unterminated,caption
                """);

        IngestSummary summary = ingestor(Long.MAX_VALUE).run(PairSources.captionedFolder(dir.resolve("img"), dir.resolve("captions.csv"), null));

        assertEquals(2, summary.sent());
        assertEquals(4, summary.skipped(), summary.problems().toString());
        List<ProducerRecord<String, ImageTextPair>> sent = producer.history();
        ImageTextPair bag = sent.get(0).value();
        assertEquals("img/bag.png", sent.get(0).key());
        assertEquals("a bag, leather", bag.getCaption());
        assertEquals("Bag", bag.getLabel());
        assertEquals("img", bag.getSource());
        assertEquals("image/png", bag.getImageMediaType());
        assertTrue(summary.problems().stream().anyMatch(p -> p.contains("broken.png")), summary.problems().toString());
        assertTrue(summary.problems().stream().anyMatch(p -> p.contains("missing.png") && p.contains("cannot read")), summary.problems().toString());
        assertTrue(summary.problems().stream().anyMatch(p -> p.contains("captions.csv:7") && p.contains("unterminated")), summary.problems().toString());
    }

    @Test
    void shouldReadJsonLinesCaptions() throws IOException {
        writeImages();
        Files.writeString(dir.resolve("captions.jsonl"), """
                {"image": "bag.png", "text": "a handbag", "id": "sample-1"}
                {not json
                {"file": "trouser.png", "caption": "trousers"}
                """);

        IngestSummary summary = ingestor(Long.MAX_VALUE).run(PairSources.captionedFolder(dir.resolve("img"), dir.resolve("captions.jsonl"), "mine"));

        assertEquals(2, summary.sent());
        assertEquals(1, summary.skipped());
        assertEquals("sample-1", producer.history().get(0).key());
        assertNull(producer.history().get(0).value().getLabel());
        assertEquals("mine", producer.history().get(1).value().getSource());
    }

    @Test
    void shouldReadAWebDatasetShardGroupingMembersByKey() throws IOException {
        Path tar = dir.resolve("shard-000.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            add(out, "samples/0001.png", fixture("fashion-sneaker.png"));
            add(out, "samples/0001.txt", "a sneaker\n".getBytes(StandardCharsets.UTF_8));
            add(out, "samples/0001.cls", "Sneaker".getBytes(StandardCharsets.UTF_8));
            add(out, "samples/0002.png", fixture("fashion-bag.png"));
            add(out, "samples/0003.txt", "a caption without an image".getBytes(StandardCharsets.UTF_8));
            add(out, "samples/0004.jpg", fixture("emoji-pineapple.png"));
            add(out, "samples/0004.txt", "a pineapple".getBytes(StandardCharsets.UTF_8));
        }

        IngestSummary summary = ingestor(Long.MAX_VALUE).run(PairSources.webDataset(tar, null));

        assertEquals(2, summary.sent());
        assertEquals(2, summary.skipped(), summary.problems().toString());
        ImageTextPair first = producer.history().get(0).value();
        assertEquals("shard-000/samples/0001", first.getId());
        assertEquals("a sneaker", first.getCaption());
        assertEquals("Sneaker", first.getLabel());
        assertEquals("image/png", producer.history().get(1).value().getImageMediaType(), "the type comes from the bytes, not the name");
    }

    @Test
    void shouldStopAtTheLimit() throws IOException {
        writeImages();
        StringBuilder captions = new StringBuilder("file,caption\n");
        for (int i = 0; i < 10; i++) {
            captions.append("bag.png,bag ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("captions.csv"), captions);

        IngestSummary summary = ingestor(3).run(PairSources.captionedFolder(dir.resolve("img"), dir.resolve("captions.csv"), null));

        assertEquals(3, summary.sent());
        assertEquals(3, producer.history().size());
    }

    @Test
    void shouldCountRecordsTheBrokerRefused() throws IOException {
        writeImages();
        Files.writeString(dir.resolve("captions.csv"), "file,caption\nbag.png,a bag\n");
        MockProducer<String, ImageTextPair> failing = new MockProducer<>(true, null, new StringSerializer(), noSerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, ImageTextPair> record, Callback callback) {
                RecordTooLargeException error = new RecordTooLargeException("too large");
                callback.onCompletion(null, error);
                return CompletableFuture.failedFuture(error);
            }
        };
        Ingestor ingestor = new Ingestor(failing, "pairs.raw", null, Long.MAX_VALUE,
                new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), "ingest", -1, false));

        IngestSummary summary = ingestor.run(PairSources.captionedFolder(dir.resolve("img"), dir.resolve("captions.csv"), null));

        assertEquals(0, summary.sent());
        assertEquals(1, summary.failed());
        assertTrue(summary.problems().get(0).contains("too large"), summary.problems().toString());
    }

    private static void add(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }
}
