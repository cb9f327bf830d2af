package io.pairstream.curator.model;

import io.pairstream.topology.model.InputRejectedException;
import io.pairstream.topology.model.InputRejectedException.Reason;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Turns encoded image bytes, as they arrive in a record, into an opaque RGB image, or rejects them
 * with the reason. The size is read from the header first, so an oversized image is refused before
 * its pixels are allocated. Transparent pixels are composited on white.
 */
public final class ImageDecoder {

    /** Formats decoded; others that ImageIO happens to read (TIFF, WBMP) are refused to keep behaviour predictable. */
    private static final Set<String> SUPPORTED_FORMATS = Set.of("png", "jpeg", "gif", "bmp");

    private static final IIOReadWarningListener FAIL_ON_WARNING = (source, warning) -> {
        throw new InputRejectedException(Reason.UNDECODABLE_IMAGE, "damaged image: " + warning);
    };

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** The decoded image as {@link BufferedImage#TYPE_INT_RGB}. */
    public BufferedImage decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new InputRejectedException(Reason.UNDECODABLE_IMAGE, "no image bytes");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unknownFormat(encoded);
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!SUPPORTED_FORMATS.contains(format)) {
                    throw new InputRejectedException(Reason.UNSUPPORTED_IMAGE_FORMAT, format + " images are not supported");
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new InputRejectedException(Reason.IMAGE_TOO_LARGE, reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " is " + pixels + " pixels, more than the limit of " + maxPixels);
                }
                // Decoders report a truncated stream (JPEG above all) as a warning and return grey filler.
                reader.addIIOReadWarningListener(FAIL_ON_WARNING);
                return toRgb(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputRejectedException rejected) {
                throw rejected;
            }
            throw new InputRejectedException(Reason.UNDECODABLE_IMAGE, "cannot decode image: " + e.getMessage(), e);
        }
    }

    /** Names formats that have a recognisable signature but no decoder here, so they are not reported as garbage. */
    private static InputRejectedException unknownFormat(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
        String format = null;
        if (head.startsWith("RIFF") && head.startsWith("WEBP", 8)) {
            format = "webp";
        } else if (head.startsWith("ftyp", 4)) {
            format = "heif/avif";
        } else if (head.contains("<svg") || head.startsWith("<?xml")) {
            format = "svg";
        } else if (head.startsWith("%PDF")) {
            format = "pdf";
        }
        if (format != null) {
            return new InputRejectedException(Reason.UNSUPPORTED_IMAGE_FORMAT, format + " images are not supported");
        }
        return new InputRejectedException(Reason.UNDECODABLE_IMAGE, "bytes are not an image in any known format");
    }

    /**
     * An opaque RGB copy. Grey images are expanded by copying their stored samples, because Java2D's
     * colour conversion treats {@code TYPE_BYTE_GRAY} as linear and would brighten them.
     */
    public static BufferedImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int components = image.getColorModel().getNumComponents();
        if (components <= 2 && image.getColorModel().getColorSpace().getNumComponents() == 1) {
            Raster raster = image.getRaster();
            int greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            int alphaMax = components == 2 ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double grey = raster.getSample(x, y, 0) / (double) greyMax;
                    double alpha = components == 2 ? raster.getSample(x, y, 1) / (double) alphaMax : 1;
                    int v = (int) Math.round(255 * (grey * alpha + (1 - alpha)));
                    rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            return rgb;
        }
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
