package io.pairstream.curator.model;

import io.pairstream.topology.model.InputRejectedException;
import io.pairstream.topology.model.InputRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(10_000);

    private Reason reasonFor(byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> decoder.decode(bytes)).reason();
    }

    @Test
    void shouldDecodePngAndJpegIntoRgb() throws IOException {
        for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
            BufferedImage image = decoder.decode(Fixtures.encode(Fixtures.noise(40, 30), format));
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), format);
            assertEquals(40, image.getWidth(), format);
            assertEquals(30, image.getHeight(), format);
        }
    }

    @Test
    void shouldKeepGreyLevelsOfAGreyPng() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 200);
        BufferedImage rgb = decoder.decode(Fixtures.encode(grey, "png"));
        assertEquals(0x646464, rgb.getRGB(0, 0) & 0xffffff);
        assertEquals(0xc8c8c8, rgb.getRGB(1, 0) & 0xffffff);
    }

    @Test
    void shouldCompositeTransparencyOnWhite() throws IOException {
        BufferedImage transparent = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(0, 0, new Color(255, 0, 0, 255).getRGB());
        BufferedImage rgb = decoder.decode(Fixtures.encode(transparent, "png"));
        assertEquals(0xff0000, rgb.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, rgb.getRGB(1, 1) & 0xffffff);
    }

    @Test
    void shouldRejectTruncatedPngAndJpegAsUndecodable() throws IOException {
        byte[] png = Fixtures.encode(Fixtures.noise(60, 60), "png");
        byte[] jpeg = Fixtures.encode(Fixtures.noise(60, 60), "jpeg");
        assertEquals(Reason.UNDECODABLE_IMAGE, reasonFor(Arrays.copyOf(png, png.length / 2)));
        assertEquals(Reason.UNDECODABLE_IMAGE, reasonFor(Arrays.copyOf(jpeg, jpeg.length / 2)));
    }

    @Test
    void shouldRejectBytesThatAreNoImage() {
        assertEquals(Reason.UNDECODABLE_IMAGE, reasonFor("just some text".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.UNDECODABLE_IMAGE, reasonFor(new byte[0]));
        assertEquals(Reason.UNDECODABLE_IMAGE, reasonFor(null));
    }

    @Test
    void shouldRejectKnownButUnsupportedFormats() throws IOException {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.UNSUPPORTED_IMAGE_FORMAT, reasonFor(webp));
        assertEquals(Reason.UNSUPPORTED_IMAGE_FORMAT, reasonFor(svg));
        assertEquals(Reason.UNSUPPORTED_IMAGE_FORMAT, reasonFor(Fixtures.encode(Fixtures.noise(4, 4), "tiff")));
    }

    @Test
    void shouldRejectImagesOverThePixelLimitBeforeDecoding() throws IOException {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> decoder.decode(Fixtures.encode(Fixtures.noise(101, 100), "png")));
        assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
        assertEquals(100, decoder.decode(Fixtures.encode(Fixtures.noise(100, 100), "png")).getWidth());
    }
}
