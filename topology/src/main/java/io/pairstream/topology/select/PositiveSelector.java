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

    /** Candidate with its similarities to the anchor. */
    private record Candidate(VectorItem item, float textSimilarity, float imageSimilarity, float guiding) {
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
            List<String> hints = ranked.stream().limit(settings.falseNegativeHints()).map(c -> c.item().id()).toList();
            int taken = 0;
            for (int i = 0; i < ranked.size() && taken < settings.positives(); i++) {
                Candidate candidate = ranked.get(i);
                if (candidate.guiding() < settings.minSimilarity(strategy)) {
                    break;
                }
                examined++;
                if (isSameSampleAgain(anchor, candidate) || candidate.imageSimilarity() >= settings.maxImageSimilarity()) {
                    nearDuplicates++;
                    continue;
                }
                String id = candidate.item().id();
                if (settings.hubnessCap() > 0 && ledger.usesIn(id, eventTime) >= settings.hubnessCap()) {
                    continue;
                }
                ledger.recordUse(id, eventTime);
                chosen.add(new ChosenPositive(strategy, i + 1, candidate.item(), candidate.guiding(), candidate.textSimilarity(),
                        candidate.imageSimilarity(), crossSimilarity(anchor, candidate.item()), hints));
                taken++;
            }
        }
        return new Selection(List.copyOf(chosen), examined, nearDuplicates, recall[0], recall[1]);
    }

    /** The strategy's candidates, most similar first; samples a recall estimate into {@code recall} when given. */
    private List<Candidate> rank(PositiveStrategy strategy, EmbeddedPair anchor, VectorStore store,
                                 Map<String, VectorItem> fetched, int[] recall) {
        Set<String> ids = new LinkedHashSet<>();
        if (strategy != PositiveStrategy.IMAGE) {
            ids.addAll(neighbourIds(store, request(textField, anchor.textVector(), anchor), recall));
        }
        if (strategy != PositiveStrategy.TEXT) {
            ids.addAll(neighbourIds(store, request(imageField, anchor.imageVector(), anchor), strategy == PositiveStrategy.IMAGE ? recall : null));
        }
        List<Candidate> candidates = new ArrayList<>(ids.size());
        for (String id : ids) {
            VectorItem item = fetched.computeIfAbsent(id, key -> store.get(key).orElse(null));
            if (item == null) {
                continue;
            }
            float text = VectorUtil.dotProduct(anchor.textVector(), item.vector(textField));
            float image = VectorUtil.dotProduct(anchor.imageVector(), item.vector(imageField));
            float guiding = switch (strategy) {
                case TEXT -> text;
                case IMAGE -> image;
                case FUSED -> (text + image) / 2;
            };
            candidates.add(new Candidate(item, text, image, guiding));
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.guiding()).reversed()
                .thenComparing(c -> c.item().id()));
        return candidates.size() > settings.candidates() ? candidates.subList(0, settings.candidates()) : candidates;
    }

    private SearchRequest request(String field, float[] query, EmbeddedPair anchor) {
        String version = anchor.modelVersion();
        Predicate<ItemMetadata> sameModel = metadata -> metadata.modelVersion().equals(version);
        return SearchRequest.of(field, query, settings.candidates()).withExcluded(Set.of(anchor.id())).withFilter(sameModel);
    }

    /** The approximate neighbours' ids; with {@code recall} given, also counts how many an exact search agrees on. */
    private static List<String> neighbourIds(VectorStore store, SearchRequest request, int[] recall) {
        List<String> ids = store.search(request).stream().map(Neighbour::id).toList();
        if (recall != null) {
            Set<String> exact = new HashSet<>();
            store.search(request.withMode(SearchMode.EXACT)).forEach(n -> exact.add(n.id()));
            recall[0] = (int) ids.stream().filter(exact::contains).count();
            recall[1] = exact.size();
        }
        return ids;
    }

    private boolean isSameSampleAgain(EmbeddedPair anchor, Candidate candidate) {
        return Objects.equals(anchor.incoming().pair().getSource(), candidate.item().metadata().source())
                && candidate.imageSimilarity() >= settings.duplicateImageSimilarity();
    }

    private float crossSimilarity(EmbeddedPair anchor, VectorItem positive) {
        return (VectorUtil.dotProduct(anchor.imageVector(), positive.vector(textField))
                + VectorUtil.dotProduct(positive.vector(imageField), anchor.textVector())) / 2;
    }
}
