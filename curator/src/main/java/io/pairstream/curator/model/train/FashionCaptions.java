package io.pairstream.curator.model.train;

import java.util.ArrayList;
import java.util.List;

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

    static int classCount() {
        return NAMES.size();
    }

    /** The plainest caption of class {@code label}, e.g. {@code a photo of trousers}. */
    public static String canonical(int label) {
        return String.format(TEMPLATES.get(0), NAMES.get(label).get(0));
    }

    /** Every caption of class {@code label}. */
    static List<String> of(int label) {
        List<String> captions = new ArrayList<>();
        for (String name : NAMES.get(label)) {
            for (String template : TEMPLATES) {
                captions.add(String.format(template, name));
            }
        }
        return captions;
    }
}
