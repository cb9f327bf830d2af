package io.pairstream.curator.ingest;

import io.pairstream.curator.dataset.EmojiEntry;
import io.pairstream.curator.dataset.NotoEmoji;
import io.pairstream.curator.model.train.EmojiCaptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Noto emoji of {@code emoji-datasource-google}: the 64-px PNG, its CLDR name as caption, its subcategory as label. */
final class EmojiSource implements PairSource {

    static final String SOURCE = "emoji";

    private final Path packageDirectory;
    private final List<EmojiEntry> entries;

    EmojiSource(Path packageDirectory) throws IOException {
        this.packageDirectory = packageDirectory;
        this.entries = NotoEmoji.read(packageDirectory);
    }

    @Override
    public String description() {
        return "Noto emoji in " + packageDirectory;
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public void readInto(PairSink sink) {
        for (EmojiEntry entry : entries) {
            byte[] image;
            try {
                image = Files.readAllBytes(entry.image());
            } catch (IOException e) {
                sink.skip(entry.image().toString(), "cannot read: " + e.getMessage());
                continue;
            }
            RawSample sample = new RawSample(SOURCE + "/" + entry.unified(), image, EmojiCaptions.canonical(entry), entry.subcategory(), SOURCE,
                    System.currentTimeMillis());
            if (!sink.accept(sample)) {
                return;
            }
        }
    }
}
