package io.pairstream.curator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Model files shipped on the classpath, copied to a private temporary directory because the native
 * loaders (ONNX Runtime, the tokenizer) read files; the directory is removed on close, once the
 * natives hold the contents in memory.
 */
final class ModelResources implements AutoCloseable {

    private final Path directory;

    ModelResources() {
        try {
            this.directory = Files.createTempDirectory("pairstream-model-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary model directory", e);
        }
    }

    /** Copies classpath resource {@code name} (no leading slash) into the directory and returns its path. */
    Path extract(String name) {
        Path target = directory.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = ModelResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + name + " is not on the classpath");
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy model resource " + name, e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }
}
