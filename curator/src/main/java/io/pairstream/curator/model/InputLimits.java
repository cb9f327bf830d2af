package io.pairstream.curator.model;

/**
 * What a model accepts before it spends any work on an input.
 *
 * @param maxImagePixels width × height above which an image is rejected before its pixels are decoded
 * @param maxCaptionChars characters above which a caption is rejected before it is tokenized
 */
public record InputLimits(long maxImagePixels, int maxCaptionChars) {

    /** About a 40-megapixel photo, and a long paragraph. */
    public static final InputLimits DEFAULT = new InputLimits(40_000_000L, 2_000);

    public InputLimits {
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException("maxImagePixels must be positive, was " + maxImagePixels);
        }
        if (maxCaptionChars < 1) {
            throw new IllegalArgumentException("maxCaptionChars must be positive, was " + maxCaptionChars);
        }
    }
}
