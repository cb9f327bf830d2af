package io.pairstream.curator.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The compact real sample bundled with the curator (see {@code curator/sample/make_sample.py}): the
 * first 1,000 Fashion-MNIST test images and 340 Noto emoji of ten subcategories, in the layouts of
 * the full data sets, so that {@link FashionMnist} and {@link NotoEmoji} read them unchanged.
 */
public final class BundledSample {

    private static final String ROOT = "/io/pairstream/curator/sample/";

    private final Path directory;

    private BundledSample(Path directory) {
        this.directory = directory;
    }

    /** Copies the sample out of the classpath into {@code directory}, unless a previous run already did. */
    public static BundledSample extractTo(Path directory) throws IOException {
        List<String> files;
        try (InputStream index = resource("index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            files = reader.lines().filter(line -> !line.isBlank()).toList();
        }
        for (String file : files) {
            Path target = directory.resolve(file);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(file)) {
                    Files.copy(in, target.resolveSibling(target.getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(target.resolveSibling(target.getFileName() + ".part"), target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return new BundledSample(directory);
    }

    /** A directory {@link FashionMnist#read} reads (test split only). */
    public Path fashionMnist() {
        return directory.resolve("fashion-mnist");
    }

    /** A directory {@link NotoEmoji#read} reads. */
    public Path emoji() {
        return directory.resolve("emoji");
    }

    private static InputStream resource(String name) {
        InputStream in = BundledSample.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("the bundled sample lacks " + name + "; rebuild the curator"));
        }
        return in;
    }
}
