package io.pairstream.curator.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST from its IDX files ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, and {@code t10k-…} for the test split): 28×28 grey images
 * of ten kinds of clothing. Debian's {@code dataset-fashion-mnist} installs them in
 * {@link #DEBIAN_DIRECTORY}.
 */
public final class FashionMnist {

    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Class names in label order, as the data set defines them. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two splits the files come in. */
    public enum Split {
        TRAIN("train"),
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private FashionMnist() {
    }

    /** Reads a whole split; images are {@link BufferedImage#TYPE_BYTE_GRAY}. */
    public static List<LabelledImage> read(Path directory, Split split) throws IOException {
        IdxReader.IdxArray images = IdxReader.read(find(directory, split.prefix + "-images-idx3-ubyte"));
        IdxReader.IdxArray labels = IdxReader.read(find(directory, split.prefix + "-labels-idx1-ubyte"));
        int count = images.dimensions()[0];
        if (images.dimensions().length != 3 || labels.dimensions().length != 1 || labels.dimensions()[0] != count) {
            throw new IOException("images and labels of " + split + " in " + directory + " do not match");
        }
        int height = images.dimensions()[1];
        int width = images.dimensions()[2];
        List<LabelledImage> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, width, height, slice(images.data(), i * width * height, width * height));
            int label = labels.data()[i] & 0xff;
            if (label >= CLASS_NAMES.size()) {
                throw new IOException("label " + label + " of image " + i + " is not a Fashion-MNIST class");
            }
            result.add(new LabelledImage(image, label));
        }
        return result;
    }

    private static byte[] slice(byte[] data, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    private static Path find(Path directory, String name) throws IOException {
        for (Path candidate : List.of(directory.resolve(name), directory.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no " + name + "[.gz] in " + directory);
    }
}
