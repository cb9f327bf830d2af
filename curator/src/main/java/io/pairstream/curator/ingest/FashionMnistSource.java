package io.pairstream.curator.ingest;

import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.dataset.LabelledImage;
import io.pairstream.curator.dataset.FashionCaptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** One split of Fashion-MNIST, each image as a PNG captioned in one of the ways the mini-CLIP was trained on, e.g. {@code a photo of trousers}. */
final class FashionMnistSource implements PairSource {

    static final String SOURCE = "fashion-mnist";

    private final Path directory;
    private final FashionMnist.Split split;
    private final List<LabelledImage> images;

    FashionMnistSource(Path directory, FashionMnist.Split split) throws IOException {
        this.directory = directory;
        this.split = split;
        this.images = FashionMnist.read(directory, split);
    }

    @Override
    public String description() {
        return "Fashion-MNIST " + split.name().toLowerCase(Locale.ROOT) + " split in " + directory;
    }

    @Override
    public long size() {
        return images.size();
    }

    @Override
    public void readInto(PairSink sink) throws IOException {
        long now = System.currentTimeMillis();
        String prefix = SOURCE + "/" + split.name().toLowerCase(Locale.ROOT) + "/";
        for (int i = 0; i < images.size(); i++) {
            LabelledImage image = images.get(i);
            RawSample sample = new RawSample(prefix + i, image.png(), FashionCaptions.forImage(image.label(), i),
                    FashionMnist.CLASS_NAMES.get(image.label()), SOURCE, now);
            if (!sink.accept(sample)) {
                return;
            }
        }
    }
}
