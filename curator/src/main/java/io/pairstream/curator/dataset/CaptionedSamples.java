package io.pairstream.curator.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** The real data sets on the machine as captioned samples, ready to stream as image–text pairs. */
public final class CaptionedSamples {

    public static final String FASHION_MNIST_SOURCE = "fashion-mnist";
    public static final String NOTO_EMOJI_SOURCE = "noto-emoji";

    private CaptionedSamples() {
    }

    /**
     * Fashion-MNIST images of one split, in file order, each with one of its class's captions
     * (chosen by {@code seed}, so a run is repeatable) and the class name as label.
     */
    public static List<CaptionedSample> fashionMnist(Path directory, FashionMnist.Split split, long seed) throws IOException {
        List<LabelledImage> images = FashionMnist.read(directory, split);
        Random random = new Random(seed);
        List<CaptionedSample> samples = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            LabelledImage image = images.get(i);
            List<String> captions = FashionCaptions.of(image.label());
            samples.add(new CaptionedSample(FASHION_MNIST_SOURCE + "-" + split.name().toLowerCase() + "-" + i,
                    png(image.image()), captions.get(random.nextInt(captions.size())),
                    FashionMnist.CLASS_NAMES.get(image.label()), FASHION_MNIST_SOURCE));
        }
        return samples;
    }

    /** Every Noto emoji with a Google image, captioned with its CLDR name and labelled with its subcategory. */
    public static List<CaptionedSample> notoEmoji(Path packageDirectory) throws IOException {
        List<CaptionedSample> samples = new ArrayList<>();
        for (EmojiEntry emoji : NotoEmoji.read(packageDirectory)) {
            samples.add(new CaptionedSample(NOTO_EMOJI_SOURCE + "-" + emoji.unified(), Files.readAllBytes(emoji.image()),
                    emoji.name(), emoji.subcategory(), NOTO_EMOJI_SOURCE));
        }
        return samples;
    }

    /** The image as PNG bytes, the format pairs carry. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}
