package io.pairstream.topology.search;

import io.pairstream.topology.embed.EmbeddedPair;

/** A store search the later stages make for each pair: which stored vectors it ranks, by which of the pair's vectors. */
public enum Lookup {

    /** Stored captions nearest the pair's image: the alignment check's rivals of the pair's own caption. */
    CAPTIONS_FOR_IMAGE(true, false),
    /** Stored samples whose caption is nearest the pair's caption: text-guided (and fused) positives. */
    SIMILAR_CAPTIONS(true, true),
    /** Stored samples whose image is nearest the pair's image: image-guided (and fused) positives. */
    SIMILAR_IMAGES(false, false);

    private final boolean storedText;
    private final boolean queryText;

    Lookup(boolean storedText, boolean queryText) {
        this.storedText = storedText;
        this.queryText = queryText;
    }

    /** The store field searched. */
    public String field(SearchFields fields) {
        return storedText ? fields.text() : fields.image();
    }

    /** The pair's vector the field is searched by. */
    public float[] query(EmbeddedPair pair) {
        return queryText ? pair.textVector() : pair.imageVector();
    }
}
