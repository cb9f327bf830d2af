package io.pairstream.curator.ingest;

import io.pairstream.curator.dataset.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sources {@code ingest} reads, each checked for existence when it is opened. */
public final class PairSources {

    private PairSources() {
    }

    /** Images under {@code images} captioned by a CSV or JSON Lines file; {@code source} defaults to the folder's name. */
    public static PairSource captionedFolder(Path images, Path captions, String source) throws IOException {
        return new CaptionedFolderSource(images, captions, source != null ? source : nameOf(images));
    }

    /** A WebDataset tar shard; {@code source} defaults to the file's name without extensions. */
    public static PairSource webDataset(Path tar, String source) {
        String name = nameOf(tar);
        return new WebDatasetSource(tar, source != null ? source : name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
    }

    public static PairSource fashionMnist(Path directory, FashionMnist.Split split) throws IOException {
        return new FashionMnistSource(directory, split);
    }

    public static PairSource emoji(Path packageDirectory) throws IOException {
        return new EmojiSource(packageDirectory);
    }

    /** Everything {@code source} reads, in order; fails on the first item it cannot read. */
    public static List<RawSample> readAll(PairSource source) throws IOException {
        List<RawSample> samples = new ArrayList<>();
        source.readInto(new PairSink() {
            @Override
            public boolean accept(RawSample sample) {
                return samples.add(sample);
            }

            @Override
            public void skip(String item, String reason) {
                throw new IllegalStateException(item + ": " + reason);
            }
        });
        return samples;
    }

    /** A pacing of {@code perSecond} sends a second for {@link Ingestor}. */
    public static RateLimiter rateLimit(double perSecond) {
        return RateLimiter.perSecond(perSecond);
    }

    private static String nameOf(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? "files" : name.toString();
    }
}
