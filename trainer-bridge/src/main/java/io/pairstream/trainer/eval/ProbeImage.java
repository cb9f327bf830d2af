package io.pairstream.trainer.eval;

import io.pairstream.trainer.batch.ImageFormat;

/**
 * A labelled image of the held-out set the linear probe uses, as pixels in the trainer's
 * {@link ImageFormat}; callers bring their own data set reader.
 */
public record ProbeImage(float[] pixels, int label) {

    /** From encoded bytes (PNG, or anything ImageIO reads). */
    public static ProbeImage fromEncoded(byte[] encoded, int label, ImageFormat format) {
        return new ProbeImage(format.decode(encoded)
                .orElseThrow(() -> new IllegalArgumentException("undecodable probe image with label " + label)), label);
    }
}
