package io.pairstream.bench.store;

import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.ingest.RawSample;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.topology.CurationTopology;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.SelectionSettings;
import io.pairstream.topology.embed.EmbeddedBatch;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.ingest.IncomingPair;
import io.pairstream.topology.ingest.SourceRecord;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import io.pairstream.topology.search.BatchSearcher;
import io.pairstream.topology.search.Lookup;
import io.pairstream.topology.search.SearchFields;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchMode;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The curation pipeline's store work alone, as its stream thread does it: the same lookups per
 * pair ({@link BatchSearcher#forStages}, from the curation's settings) in batches of 32, then the
 * inserts, on a RocksDB-backed store filled with the same Fashion-MNIST pairs in the same order as
 * {@code ThroughputBench} fills the pipeline's, embedded by the mini-CLIP (images from the
 * {@link EmbedFashionImages} file; captions embedded here in the stream's batches, as the pipeline
 * embeds them, and cached beside it). No broker and no model run while measuring, so the figure is
 * the stream thread's store cost per pair, quick to re-measure, and each lookup's recall is checked
 * against exact search.
 *
 * <p>Usage: {@code CurationLookupBenchmark image-vectors [store-size] [measured] [key=value ...]}
 * (defaults 100,000 and 5,000; each key=value overrides a curation setting, e.g.
 * {@code vector.store.index.probes=16}).
 */
public final class CurationLookupBenchmark {

    private static final int BATCH = 32;
    /** Pairs searched for before measuring (the last of the fill, searched again), so the JIT has compiled the scans. */
    private static final int WARM_UP = 2_000;

    private CurationLookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>(Map.of(SelectionSettings.STRATEGIES_CONFIG, "text,image"));
        for (String arg : args) {
            String[] keyValue = arg.split("=", 2);
            if (keyValue.length == 2) {
                settings.put(keyValue[0], keyValue[1]);
            } else {
                positional.add(arg);
            }
        }
        float[][] images = VectorFile.readFloats(Path.of(positional.get(0)));
        int storeSize = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 100_000;
        int measured = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 5_000;
        CurationConfig config = CurationConfig.of(settings);
        List<RawSample> pool = new ArrayList<>(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY,
                FashionMnist.Split.TRAIN)));
        pool.addAll(PairSources.readAll(PairSources.fashionMnist(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.Split.TEST)));
        if (images.length < pool.size()) {
            throw new IllegalArgumentException(positional.get(0) + " holds " + images.length + " image vectors, the pool " + pool.size());
        }
        int total = storeSize + measured;
        String version;
        float[][] texts;
        try (ClipModel model = MiniClip.loadDefault()) {
            version = model.version();
            texts = captionVectors(model, pool, total, Path.of(positional.get(0)).resolveSibling("captions-" + total + ".f32"));
        }
        System.out.printf(Locale.ROOT, "store %,d pairs, then %,d measured in batches of %d; %,d images; settings %s%n",
                storeSize, measured, BATCH, pool.size(), settings);

        Path state = Files.createTempDirectory("pairstream-lookups-");
        SearchFields fields = new SearchFields(CurationTopology.TEXT_FIELD, CurationTopology.IMAGE_FIELD);
        BatchSearcher searcher = BatchSearcher.forStages(fields, config.alignment(), config.selection(), config.quality());
        VectorStore store = BenchmarkStore.open(state, config.vectorStore(Map.of(fields.text(), images[0].length,
                fields.image(), images[0].length)));
        try {
            long fillStart = System.nanoTime();
            for (int from = 0; from < storeSize; from += BATCH) {
                insert(store, fields, pairs(pool, images, texts, version, from, Math.min(storeSize, from + BATCH)));
            }
            System.out.printf(Locale.ROOT, "filled in %.1f s (inserts alone, centroids learned on the way)%n",
                    (System.nanoTime() - fillStart) / 1e9);
            int warmUp = Math.min(storeSize, WARM_UP);
            for (int from = storeSize - warmUp; from < storeSize; from += BATCH) {
                searcher.search(new EmbeddedBatch(pairs(pool, images, texts, version, from, Math.min(storeSize, from + BATCH))), store);
            }
            RecallCheck recall = new RecallCheck(searcher);
            long searchNanos = 0;
            long insertNanos = 0;
            long hits = 0;
            long sampled = 0;
            for (int from = storeSize; from < storeSize + measured; from += BATCH) {
                List<EmbeddedPair> batch = pairs(pool, images, texts, version, from, Math.min(storeSize + measured, from + BATCH));
                long start = System.nanoTime();
                List<SearchedPair> searched = searcher.search(new EmbeddedBatch(batch), store);
                long searchedAt = System.nanoTime();
                insert(store, fields, batch);
                insertNanos += System.nanoTime() - searchedAt;
                searchNanos += searchedAt - start;
                for (SearchedPair pair : searched) {
                    hits += pair.recallHits();
                    sampled += pair.recallSampled();
                }
                recall.check(searched, store);
            }
            System.out.printf(Locale.ROOT, "per pair: lookups %.3f ms, insert %.3f ms, together %.3f ms = %.0f pairs/s of one thread; "
                    + "estimated recall@%d %.3f (%d sampled neighbours)%n", searchNanos / 1e6 / measured, insertNanos / 1e6 / measured,
                    (searchNanos + insertNanos) / 1e6 / measured, measured / ((searchNanos + insertNanos) / 1e9),
                    config.selection().candidates(), sampled == 0 ? Double.NaN : hits / (double) sampled, sampled);
            System.out.println(recall);
        } finally {
            store.close();
            StoreBenchmark.deleteRecursively(state);
        }
    }

    /**
     * Recall of each lookup against an exact search, checked untimed on every {@link #EVERY}-th
     * pair, two ways: by id (the exact search's items found), and with ties, as the pipeline's
     * estimate counts ({@link BatchSearcher#recallHits}).
     */
    private static final class RecallCheck {
        private static final int EVERY = 10;
        private final BatchSearcher searcher;
        private final Map<Lookup, Integer> lookups;
        private final Map<Lookup, long[]> counts = new EnumMap<>(Lookup.class);
        private long seen;

        RecallCheck(BatchSearcher searcher) {
            this.searcher = searcher;
            this.lookups = searcher.lookups();
        }

        void check(List<SearchedPair> searched, VectorStore store) {
            for (SearchedPair pair : searched) {
                if (seen++ % EVERY != 0) {
                    continue;
                }
                lookups.forEach((lookup, k) -> {
                    List<Neighbour> exact = store.search(searcher.request(lookup, k, pair.pair()).withMode(SearchMode.EXACT));
                    List<Neighbour> found = pair.neighbours(lookup, store);
                    Set<String> exactIds = new HashSet<>();
                    exact.forEach(n -> exactIds.add(n.id()));
                    long[] count = counts.computeIfAbsent(lookup, key -> new long[3]);
                    count[0] += found.stream().filter(n -> exactIds.contains(n.id())).count();
                    count[1] += BatchSearcher.recallHits(found, exact);
                    count[2] += exact.size();
                });
            }
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("recall by id / with ties:");
            counts.forEach((lookup, count) -> out.append(String.format(Locale.ROOT, " %s@%d %.3f / %.3f;", lookup, lookups.get(lookup),
                    count[0] / (double) count[2], count[1] / (double) count[2])));
            return out.toString();
        }
    }

    /** Pairs {@code from} to {@code to} of the stream, as the pipeline's sender numbers them, embedded. */
    private static List<EmbeddedPair> pairs(List<RawSample> pool, float[][] images, float[][] texts, String version,
                                            int from, int to) {
        List<EmbeddedPair> pairs = new ArrayList<>(to - from);
        for (int sent = from; sent < to; sent++) {
            int index = sent % pool.size();
            RawSample sample = pool.get(index);
            ImageTextPair pair = sample.toPair();
            pair.setId(sample.id() + "#" + sent);
            pair.setEventTime(Instant.ofEpochMilli(sent));
            SourceRecord source = new SourceRecord(null, new byte[0], Map.of(), "pairs.raw", 0, sent, sent);
            pairs.add(new EmbeddedPair(new IncomingPair(pair, source), images[index], texts[sent], version));
        }
        return pairs;
    }

    /**
     * The caption vectors of the first {@code count} pairs of the stream, embedded in the stream's
     * batches of 32 as the pipeline embeds them (a caption's vector varies in its last bits with
     * the batch it is padded with, so repeated captions are near, not exact, duplicates); cached in
     * {@code cache}.
     */
    private static float[][] captionVectors(ClipModel model, List<RawSample> pool, int count, Path cache) throws IOException {
        if (Files.exists(cache)) {
            return VectorFile.readFloats(cache);
        }
        float[][] texts = new float[count][];
        for (int from = 0; from < count; from += BATCH) {
            List<String> batch = new ArrayList<>();
            for (int sent = from; sent < Math.min(count, from + BATCH); sent++) {
                batch.add(pool.get(sent % pool.size()).caption());
            }
            List<Embedding> embedded = model.embedTexts(batch);
            for (int i = 0; i < embedded.size(); i++) {
                texts[from + i] = embedded.get(i).vector();
            }
        }
        VectorFile.writeFloats(cache, texts);
        return texts;
    }

    /** Inserts as the pipeline's insert stage does, the caption standing in for the stored payload. */
    private static void insert(VectorStore store, SearchFields fields, List<EmbeddedPair> pairs) {
        for (EmbeddedPair pair : pairs) {
            store.put(new VectorItem(pair.id(), Map.of(fields.text(), pair.textVector(), fields.image(), pair.imageVector()),
                    pair.metadata(), pair.incoming().pair().getCaption().getBytes(StandardCharsets.UTF_8)));
        }
    }
}
