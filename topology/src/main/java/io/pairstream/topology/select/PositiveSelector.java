package io.pairstream.topology.select;

import io.pairstream.topology.config.PositiveStrategy;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchMode;
import io.pairstream.topology.store.SearchRequest;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import io.pairstream.topology.vector.VectorUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

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

    Selection select(EmbeddedPair anchor, VectorStore store, HubnessLedger ledger, boolean sampleRecall) {
        Map<String, VectorItem> fetched = new HashMap<>();
        List<ChosenPositive> chosen = new ArrayList<>();
        int examined = 0;
        int nearDuplicates = 0;
        int[] recall = {0, 0};
        long eventTime = anchor.incoming().pair().getEventTime().toEpochMilli();
        boolean first = true;
        for (PositiveStrategy strategy : settings.strategies()) {
            // One sampled search per anchor is enough for the estimate: the first strategy's.
            List<Candidate> ranked = rank(strategy, anchor, store, fetched, sampleRecall && first ? recall : null);
            first = false;
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
        return new Selection(List.copyOf(chosen), examined, nearDuplicates, recall[0], recall[1]);
    }

    /**
     * The strategy's candidates, most similar first; samples a recall estimate into {@code recall} when
     * given. Text and image neighbours come ranked by the store (re-scored exactly); fused ones are the
     * union of both, ranked by the mean of the two similarities.
     */
    private List<Candidate> rank(PositiveStrategy strategy, EmbeddedPair anchor, VectorStore store,
                                 Map<String, VectorItem> fetched, int[] recall) {
        if (strategy == PositiveStrategy.TEXT) {
            return search(store, request(textField, anchor.textVector(), anchor), recall);
        }
        List<Candidate> byImage = search(store, request(imageField, anchor.imageVector(), anchor),
                strategy == PositiveStrategy.IMAGE ? recall : null);
        if (strategy == PositiveStrategy.IMAGE) {
            return byImage;
        }
        Set<String> ids = new LinkedHashSet<>();
        search(store, request(textField, anchor.textVector(), anchor), recall).forEach(c -> ids.add(c.id()));
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

    /** The neighbours as candidates; with {@code recall} given, also counts how many an exact search agrees on. */
    private static List<Candidate> search(VectorStore store, SearchRequest request, int[] recall) {
        List<Neighbour> neighbours = store.search(request);
        if (recall != null) {
            Set<String> exact = new HashSet<>();
            store.search(request.withMode(SearchMode.EXACT)).forEach(n -> exact.add(n.id()));
            recall[0] = (int) neighbours.stream().filter(n -> exact.contains(n.id())).count();
            recall[1] = exact.size();
        }
        return neighbours.stream().map(n -> new Candidate(n.id(), n.score())).toList();
    }

    private static VectorItem fetch(String id, VectorStore store, Map<String, VectorItem> fetched) {
        return fetched.computeIfAbsent(id, key -> store.get(key).orElse(null));
    }

    private SearchRequest request(String field, float[] query, EmbeddedPair anchor) {
        String version = anchor.modelVersion();
        Predicate<ItemMetadata> sameModel = metadata -> metadata.modelVersion().equals(version);
        return SearchRequest.of(field, query, settings.candidates()).withExcluded(Set.of(anchor.id())).withFilter(sameModel);
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
