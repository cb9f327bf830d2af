package io.pairstream.curator.ingest;

import io.pairstream.curator.dataset.MaybeGzipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A WebDataset shard: a tar (optionally gzipped) whose consecutive files sharing a key form one
 * sample, e.g. {@code 000123.jpg} and {@code 000123.txt}. The key is the path up to the first dot of
 * the file name; the image is the {@code jpg}/{@code jpeg}/{@code png}/{@code gif}/{@code bmp}/{@code webp}
 * member, the caption the {@code txt} member, the label an optional {@code cls} member.
 */
final class WebDatasetSource implements PairSource {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

    private final Path tar;
    private final String source;

    WebDatasetSource(Path tar, String source) {
        this.tar = tar;
        this.source = source;
    }

    @Override
    public String description() {
        return "WebDataset shard " + tar;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public void readInto(PairSink sink) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(MaybeGzipped.open(tar))) {
            Sample sample = null;
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String path = entry.getName();
                int slash = path.lastIndexOf('/');
                int dot = path.indexOf('.', slash + 1);
                if (dot < 0) {
                    sink.skip(tar.getFileName() + ":" + path, "a member without an extension belongs to no sample");
                    continue;
                }
                String key = path.substring(0, dot);
                if (sample == null || !sample.key.equals(key)) {
                    if (sample != null && !sample.deliver(sink)) {
                        return;
                    }
                    sample = new Sample(key, entry.getModTime().getTime());
                }
                sample.add(path.substring(dot + 1).toLowerCase(Locale.ROOT), in.readAllBytes());
            }
            if (sample != null) {
                sample.deliver(sink);
            }
        }
    }

    /** The members of one key seen so far. */
    private final class Sample {
        final String key;
        final long modified;
        byte[] image;
        String caption;
        String label;

        Sample(String key, long modified) {
            this.key = key;
            this.modified = modified;
        }

        void add(String extension, byte[] content) {
            if (IMAGE_EXTENSIONS.contains(extension)) {
                image = content;
            } else if (extension.equals("txt")) {
                caption = new String(content, StandardCharsets.UTF_8).strip();
            } else if (extension.equals("cls")) {
                label = new String(content, StandardCharsets.UTF_8).strip();
            }
        }

        boolean deliver(PairSink sink) {
            if (image == null || caption == null || caption.isEmpty()) {
                sink.skip(tar.getFileName() + ":" + key, image == null ? "no image member" : "no caption (.txt) member");
                return true;
            }
            return sink.accept(new RawSample(source + "/" + key, image, caption, label == null || label.isEmpty() ? null : label, source, modified));
        }
    }
}
