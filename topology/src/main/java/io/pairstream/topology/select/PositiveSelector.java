package io.pairstream.topology.select;

import io.pairstream.topology.config.PositiveStrategy;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.search.Lookup;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import io.pairstream.topology.vector.VectorUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses an anchor's positives among the samples already in the store (the anchor itself is
 * inserted only afterwards, so a replay chooses the same pairs). For each strategy it ranks the
 * nearest stored samples by the guiding similarity and takes the best ones inside the similarity
 * band: at least the strategy's lower bound (semantic consistency), an image below the
 * near-duplicate bound (diversity), not the anchor's own source sending the same image again, and
 * not a hub already chosen as often as the cap allows in this window.
 */
final class PositiveSelector {

    private final SelectionSettings settings;
    private final String textField;
    private final String imageField;

    PositiveSelector(SelectionSettings settings, String textField, String imageField) {
        this.settings = settings;
        this.textField = textField;
        this.imageField = imageField;
    }

    /** A neighbour with its guiding similarity; its item is read from the store only when it is examined. */
    private record Candidate(String id, float guiding) {
    }

    Selection select(SearchedPair searched, VectorStore store, HubnessLedger ledger) {
        EmbeddedPair anchor = searched.pair();
        Map<String, VectorItem> fetched = new HashMap<>();
        List<ChosenPositive> chosen = new ArrayList<>();
        int examined = 0;
        int nearDuplicates = 0;
        long eventTime = anchor.incoming().pair().getEventTime().toEpochMilli();
        for (PositiveStrategy strategy : settings.strategies()) {
            List<Candidate> ranked = rank(strategy, searched, store, fetched);
            List<String> hints = ranked.stream().limit(settings.falseNegativeHints()).map(Candidate::id).toList();
            int taken = 0;
            for (int i = 0; i < ranked.size() && taken < settings.positives(); i++) {
                Candidate candidate = ranked.get(i);
                if (candidate.guiding() < settings.minSimilarity(strategy)) {
                    break;
                }
                if (settings.hubnessCap() > 0 && ledger.usesIn(candidate.id(), eventTime) >= settings.hubnessCap()) {
                    continue;
                }
                VectorItem item = fetch(candidate.id(), store, fetched);
                if (item == null) {
                    continue;
                }
                examined++;
                float imageSimilarity = VectorUtil.dotProduct(anchor.imageVector(), item.vector(imageField));
                if (imageSimilarity >= settings.maxImageSimilarity() || isSameSampleAgain(anchor, item, imageSimilarity)) {
                    nearDuplicates++;
                    continue;
                }
                ledger.recordUse(item.id(), eventTime);
                chosen.add(new ChosenPositive(strategy, i + 1, item, candidate.guiding(),
                        VectorUtil.dotProduct(anchor.textVector(), item.vector(textField)), imageSimilarity,
                        crossSimilarity(anchor, item), hints));
                taken++;
            }
        }
        return new Selection(List.copyOf(chosen), examined, nearDuplicates, searched.recallHits(), searched.recallSampled());
    }

    /**
     * The strategy's candidates, most similar first. Text and image neighbours come ranked by the
     * store (re-scored exactly); fused ones are the union of both, ranked by the mean of the two
     * similarities.
     */
    private List<Candidate> rank(PositiveStrategy strategy, SearchedPair searched, VectorStore store, Map<String, VectorItem> fetched) {
        if (strategy == PositiveStrategy.TEXT) {
            return candidates(searched.neighbours(Lookup.SIMILAR_CAPTIONS, store));
        }
        List<Candidate> byImage = candidates(searched.neighbours(Lookup.SIMILAR_IMAGES, store));
        if (strategy == PositiveStrategy.IMAGE) {
            return byImage;
        }
        EmbeddedPair anchor = searched.pair();
        Set<String> ids = new LinkedHashSet<>();
        searched.neighbours(Lookup.SIMILAR_CAPTIONS, store).forEach(n -> ids.add(n.id()));
        byImage.forEach(c -> ids.add(c.id()));
        List<Candidate> fused = new ArrayList<>(ids.size());
        for (String id : ids) {
            VectorItem item = fetch(id, store, fetched);
            if (item != null) {
                fused.add(new Candidate(id, (VectorUtil.dotProduct(anchor.textVector(), item.vector(textField))
                        + VectorUtil.dotProduct(anchor.imageVector(), item.vector(imageField))) / 2));
            }
        }
        fused.sort(Comparator.comparingDouble(Candidate::guiding).reversed().thenComparing(Candidate::id));
        return fused.size() > settings.candidates() ? fused.subList(0, settings.candidates()) : fused;
    }

    private static List<Candidate> candidates(List<Neighbour> neighbours) {
        return neighbours.stream().map(n -> new Candidate(n.id(), n.score())).toList();
    }

    private static VectorItem fetch(String id, VectorStore store, Map<String, VectorItem> fetched) {
        return fetched.computeIfAbsent(id, key -> store.get(key).orElse(null));
    }

    private boolean isSameSampleAgain(EmbeddedPair anchor, VectorItem candidate, float imageSimilarity) {
        return Objects.equals(anchor.incoming().pair().getSource(), candidate.metadata().source())
                && imageSimilarity >= settings.duplicateImageSimilarity();
    }

    private float crossSimilarity(EmbeddedPair anchor, VectorItem positive) {
        return (VectorUtil.dotProduct(anchor.imageVector(), positive.vector(textField))
                + VectorUtil.dotProduct(positive.vector(imageField), anchor.textVector())) / 2;
    }
}
