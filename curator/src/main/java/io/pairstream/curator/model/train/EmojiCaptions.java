package io.pairstream.curator.model.train;

import io.pairstream.curator.dataset.EmojiEntry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Captions for an emoji from its CLDR name and short names, in a few phrasings. */
public final class EmojiCaptions {

    private EmojiCaptions() {
    }

    /** The canonical caption, used as the retrieval target in evaluation and as the caption {@code ingest} publishes. */
    public static String canonical(EmojiEntry emoji) {
        return emoji.name();
    }

    static List<String> of(EmojiEntry emoji) {
        Set<String> captions = new LinkedHashSet<>();
        captions.add(emoji.name());
        captions.add("an emoji of " + emoji.name());
        captions.add(emoji.name() + " emoji");
        captions.addAll(emoji.shortNames());
        return List.copyOf(captions);
    }

    /** A fixed tenth of the emoji, chosen by their code points, is held out for evaluation. */
    static boolean isHeldOut(EmojiEntry emoji) {
        return Math.floorMod(emoji.unified().hashCode(), 10) == 0;
    }
}
