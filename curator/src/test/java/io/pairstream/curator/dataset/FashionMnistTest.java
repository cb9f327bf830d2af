package io.pairstream.curator.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {

    @TempDir
    Path directory;

    private static void writeIdx(Path file, boolean gzip, int[] dimensions, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x0800 | dimensions.length);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    private void writeSplit(String prefix, boolean gzip, byte[] labels) throws IOException {
        int count = labels.length;
        byte[] pixels = new byte[count * 3 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 40);
        }
        String suffix = gzip ? ".gz" : "";
        writeIdx(directory.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip, new int[] {count, 2, 3}, pixels);
        writeIdx(directory.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip, new int[] {count}, labels);
    }

    @Test
    void shouldReadGzippedImagesWithTheirLabels() throws IOException {
        writeSplit("train", true, new byte[] {9, 0});
        List<LabelledImage> images = FashionMnist.read(directory, FashionMnist.Split.TRAIN);
        assertEquals(2, images.size());
        assertEquals(9, images.get(0).label());
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(images.get(0).label()));
        assertEquals(3, images.get(1).image().getWidth());
        assertEquals(2, images.get(1).image().getHeight());
        // Second image, row 1, column 2 is byte 6 + 5 = 11 of the data: 11 * 40 = 440, stored as 440 - 256.
        assertEquals(440 - 256, images.get(1).image().getRaster().getSample(2, 1, 0));
    }

    @Test
    void shouldReadUncompressedFilesOfTheTestSplit() throws IOException {
        writeSplit("t10k", false, new byte[] {3});
        assertEquals(3, FashionMnist.read(directory, FashionMnist.Split.TEST).get(0).label());
    }

    @Test
    void shouldRejectAFileThatIsNotIdx() throws IOException {
        writeSplit("train", false, new byte[] {1});
        Files.write(directory.resolve("train-labels-idx1-ubyte"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(directory, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("not an unsigned-byte IDX file"), e.getMessage());
    }

    @Test
    void shouldNameTheMissingFile() {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(directory, FashionMnist.Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void shouldRejectLabelsOutsideTheTenClasses() throws IOException {
        writeSplit("train", false, new byte[] {10});
        assertThrows(IOException.class, () -> FashionMnist.read(directory, FashionMnist.Split.TRAIN));
    }
}
