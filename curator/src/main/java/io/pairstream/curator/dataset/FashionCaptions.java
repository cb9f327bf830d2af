package io.pairstream.curator.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Captions for Fashion-MNIST classes: several names per class in several phrasings, so the image
 * tower learns the region of text space a kind of clothing occupies rather than one sentence.
 * The same set serves as the prompt ensemble for zero-shot evaluation, and its first caption per
 * class captions the images {@code ingest} publishes.
 */
public final class FashionCaptions {

    /** Names per class, in Fashion-MNIST label order, each with its article where it needs one. */
    private static final List<List<String>> NAMES = List.of(
            List.of("a t-shirt", "a top", "a tee", "a short-sleeved t-shirt"),
            List.of("trousers", "a pair of pants", "a pair of jeans"),
            List.of("a pullover", "a sweater", "a knitted jumper"),
            List.of("a dress", "a summer dress", "a long gown"),
            List.of("a coat", "a jacket", "a winter coat"),
            List.of("a sandal", "a pair of sandals", "an open summer shoe"),
            List.of("a shirt", "a button-up shirt", "a blouse"),
            List.of("a sneaker", "a running shoe", "a trainer shoe"),
            List.of("a bag", "a handbag", "a purse"),
            List.of("an ankle boot", "a leather boot", "a boot"));

    private static final List<String> TEMPLATES = List.of(
            "a photo of %s", "%s", "a black and white photo of %s", "a small grey picture of %s",
            "a product photo of %s", "a low resolution image of %s");

    private FashionCaptions() {
    }

    public static int classCount() {
        return NAMES.size();
    }

    /**
     * The caption of the {@code index}-th image of a split, of class {@code label}: one of the class's
     * captions, chosen by the index so that every run captions an image the same way and the
     * captions of one class vary as real ones do.
     */
    public static String forImage(int label, int index) {
        List<String> captions = of(label);
        return captions.get(Math.floorMod(Integer.rotateLeft(index * 0x9E3779B9, 13) * 0x85EBCA6B, captions.size()));
    }

    /** A caption of a class other than {@code label}, chosen by {@code random}: a deliberately mismatched caption. */
    public static String ofAnotherClass(int label, Random random) {
        int other = (label + 1 + random.nextInt(classCount() - 1)) % classCount();
        List<String> captions = of(other);
        return captions.get(random.nextInt(captions.size()));
    }

    /** Every caption of class {@code label}. */
    public static List<String> of(int label) {
        List<String> captions = new ArrayList<>();
        for (String name : NAMES.get(label)) {
            for (String template : TEMPLATES) {
                captions.add(String.format(template, name));
            }
        }
        return captions;
    }
}
