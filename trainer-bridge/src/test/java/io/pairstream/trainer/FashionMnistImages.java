package io.pairstream.trainer;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The first images of Fashion-MNIST's test split from Debian's IDX files, for tests only. */
final class FashionMnistImages {

    static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    record Labelled(BufferedImage image, int label) {
    }

    private FashionMnistImages() {
    }

    static boolean available() {
        return Files.isRegularFile(DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"));
    }

    static List<Labelled> read(int count) throws IOException {
        try (DataInputStream images = open("t10k-images-idx3-ubyte.gz");
             DataInputStream labels = open("t10k-labels-idx1-ubyte.gz")) {
            images.skipNBytes(16);  // magic, count, rows, columns
            labels.skipNBytes(8);   // magic, count
            List<Labelled> out = new ArrayList<>(count);
            byte[] pixels = new byte[28 * 28];
            for (int i = 0; i < count; i++) {
                images.readFully(pixels);
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setDataElements(0, 0, 28, 28, pixels);
                out.add(new Labelled(image, labels.readUnsignedByte()));
            }
            return out;
        }
    }

    private static DataInputStream open(String name) throws IOException {
        return new DataInputStream(new GZIPInputStream(Files.newInputStream(DIRECTORY.resolve(name))));
    }
}
