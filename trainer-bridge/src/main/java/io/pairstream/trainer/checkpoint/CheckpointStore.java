package io.pairstream.trainer.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoints in one directory, one sub-directory {@code step-NNNNNNNNNN} each. A checkpoint is
 * written under a temporary name and renamed atomically, so a crash while saving leaves the previous
 * one as the newest; only the newest {@code kept} are kept.
 */
public final class CheckpointStore {

    private static final Pattern COMPLETE = Pattern.compile("step-\\d{10}");
    private static final String PROPERTIES_FILE = "checkpoint.properties";
    private static final String POSITION_PREFIX = "position.";

    private final Path directory;
    private final int kept;

    public CheckpointStore(Path directory, int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint");
        }
        this.directory = directory;
        this.kept = kept;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        return complete().stream().max(Comparator.naturalOrder()).map(CheckpointStore::read);
    }

    /**
     * Saves a checkpoint: {@code writer} writes the trainer's files into the directory it is given,
     * then the positions and counters are added and the checkpoint appears whole.
     */
    public Checkpoint save(long step, Map<TopicPartition, Long> positions, long pairsTrained, long pairsSkipped,
                           Consumer<Path> writer) {
        String name = String.format("step-%010d", step);
        Path temporary = directory.resolve(name + ".tmp");
        Path target = directory.resolve(name);
        try {
            deleteTree(temporary);
            Files.createDirectories(temporary);
            writer.accept(temporary);
            Properties properties = new Properties();
            properties.setProperty("step", Long.toString(step));
            properties.setProperty("pairs.trained", Long.toString(pairsTrained));
            properties.setProperty("pairs.skipped", Long.toString(pairsSkipped));
            positions.forEach((p, offset) -> properties.setProperty(POSITION_PREFIX + p.topic() + ":" + p.partition(), Long.toString(offset)));
            try (Writer out = Files.newBufferedWriter(temporary.resolve(PROPERTIES_FILE))) {
                properties.store(out, "pairstream trainer checkpoint");
            }
            deleteTree(target);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            prune();
            return new Checkpoint(target, step, positions, pairsTrained, pairsSkipped);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target, e);
        }
    }

    private List<Path> complete() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> COMPLETE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list checkpoints in " + directory, e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = complete();
        for (Path old : all.subList(0, Math.max(0, all.size() - kept))) {
            deleteTree(old);
        }
    }

    private static Checkpoint read(Path checkpoint) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(checkpoint.resolve(PROPERTIES_FILE))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + checkpoint, e);
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(POSITION_PREFIX)) {
                String partition = key.substring(POSITION_PREFIX.length());
                int colon = partition.lastIndexOf(':');
                positions.put(new TopicPartition(partition.substring(0, colon), Integer.parseInt(partition.substring(colon + 1))),
                        Long.parseLong(properties.getProperty(key)));
            }
        }
        return new Checkpoint(checkpoint, Long.parseLong(properties.getProperty("step")), positions,
                Long.parseLong(properties.getProperty("pairs.trained")), Long.parseLong(properties.getProperty("pairs.skipped")));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
