package io.pairstream.bench.store;

import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchRequest;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the vector store from a data set, measures it and writes the same vectors, queries and
 * exact neighbours for the Python peers ({@code bench/store/peers.py}). Prints one
 * {@code RESULT {json}} line per search setting. Run through {@code bench/store/run.sh}.
 *
 * <p>Arguments as key=value: {@code data=synthetic|<vector file>}, {@code n}, {@code queries},
 * {@code dim} (synthetic only), {@code lists}, {@code training}, {@code probes} (comma list),
 * {@code out} (a directory).
 */
public final class StoreBenchmark {

    private static final int K = 10;
    private static final long SEED = 42;
    private static final int SYNTHETIC_CLUSTERS = 2_000;
    // Two vectors of one cluster then have a cosine of about 0.67, a same-concept CLIP pair's range.
    private static final float SYNTHETIC_NOISE = 0.7f;

    private final Map<String, String> args;
    private final Path out;

    private StoreBenchmark(Map<String, String> args) {
        this.args = args;
        this.out = Path.of(args.get("out"));
    }

    /** Store settings given on the command line as {@code vector.store.…=value}, e.g. the remainder sigmas. */
    private Map<String, String> storeSettings() {
        Map<String, String> settings = new HashMap<>();
        args.forEach((key, value) -> {
            if (key.startsWith("vector.store.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    public static void main(String[] argv) throws IOException {
        new StoreBenchmark(parse(argv)).run();
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            args.put(pair[0], pair[1]);
        }
        return args;
    }

    private void run() throws IOException {
        Files.createDirectories(out);
        float[][][] data = baseAndQueries();
        float[][] base = data[0];
        float[][] queries = data[1];
        System.out.printf("data %s: %d base vectors, %d queries, dimension %d%n", args.get("data"), base.length,
                queries.length, base[0].length);
        long start = System.nanoTime();
        int[][] truth = GroundTruth.topK(base, queries, K);
        System.out.printf("exact top-%d by brute force in %.1f s%n", K, seconds(start));
        VectorFile.writeFloats(out.resolve("base.f32"), base);
        VectorFile.writeFloats(out.resolve("queries.f32"), queries);
        VectorFile.writeInts(out.resolve("truth.i32"), truth);
        measureStore(base, queries, truth);
    }

    private void measureStore(float[][] base, float[][] queries, int[][] truth) throws IOException {
        Path stateDirectory = out.resolve("state");
        deleteRecursively(stateDirectory);
        int lists = Integer.parseInt(args.get("lists"));
        int training = trainingSize(args, base.length, lists);
        long heapBefore = usedHeapAfterGc();
        VectorStore store = BenchmarkStore.open(stateDirectory, base[0].length, lists, training, storeSettings());
        // The put that reaches the training size learns the centroids; time it apart from the steady inserts.
        long start = System.nanoTime();
        for (int i = 0; i < training; i++) {
            store.put(item(i, base[i]));
        }
        double trainingSeconds = seconds(start);
        Stopwatch inserting = Stopwatch.start();
        for (int i = training; i < base.length; i++) {
            store.put(item(i, base[i]));
        }
        double insertRate = (base.length - training) / inserting.wallSeconds();
        double insertRateCpu = (base.length - training) / inserting.cpuSeconds();
        // Persist what RocksDB buffers before the disk is measured.
        store.commit(Map.of());
        long heapMb = (usedHeapAfterGc() - heapBefore) >> 20;
        long diskMb = directorySize(stateDirectory) >> 20;
        System.out.printf("first %d inserts with k-means training of %d lists: %.1f s; then %d inserts at %.0f/s "
                        + "(%.0f/s of CPU time); heap %d MB, disk %d MB%n", training, lists, trainingSeconds,
                base.length - training, insertRate, insertRateCpu, heapMb, diskMb);

        for (String probes : args.get("probes").split(",")) {
            int p = Integer.parseInt(probes);
            List<SearchRequest> requests = Arrays.stream(queries)
                    .map(q -> SearchRequest.of(BenchmarkStore.FIELD, q, K).withProbes(p)).toList();
            singleQueries(store, requests);
            Stopwatch singles = Stopwatch.start();
            List<List<Neighbour>> results = singleQueries(store, requests);
            double single = requests.size() / singles.wallSeconds();
            double singleCpu = requests.size() / singles.cpuSeconds();
            store.searchBatch(requests);
            Stopwatch batches = Stopwatch.start();
            List<List<Neighbour>> batchResults = store.searchBatch(requests);
            double batch = requests.size() / batches.wallSeconds();
            double batchCpu = requests.size() / batches.cpuSeconds();
            if (!batchResults.equals(results)) {
                throw new IllegalStateException("batch search answered differently from single searches");
            }
            System.out.printf(Locale.ROOT, "RESULT {\"system\":\"pairstream-ivf-int8\",\"setting\":\"lists=%d probes=%d\","
                            + "\"recall\":%.4f,\"qps_single\":%.1f,\"qps_batch\":%.1f,\"insert_per_s\":%.0f,"
                            + "\"cpu_qps_single\":%.1f,\"cpu_qps_batch\":%.1f,\"cpu_insert_per_s\":%.0f,"
                            + "\"heap_mb\":%d,\"disk_mb\":%d}%n", lists, p, recall(results, truth), single, batch,
                    insertRate, singleCpu, batchCpu, insertRateCpu, heapMb, diskMb);
        }
        measureRestartAndDeletes(store, stateDirectory, base, lists, training);
    }

    private void measureRestartAndDeletes(VectorStore store, Path stateDirectory, float[][] base, int lists,
                                          int training) {
        store.close();
        long start = System.nanoTime();
        try (ClosingStore reopened = new ClosingStore(BenchmarkStore.open(stateDirectory, base[0].length, lists,
                training, storeSettings()))) {
            int count = reopened.store().count();
            System.out.printf("reopened from RocksDB and rebuilt the index of %d items in %.1f s%n", count,
                    seconds(start));
            int deletes = Math.min(base.length / 10, 20_000);
            start = System.nanoTime();
            for (int i = 0; i < deletes; i++) {
                reopened.store().delete(id(i));
            }
            System.out.printf("deleted %d in %.2f s (%.0f/s)%n", deletes, seconds(start), deletes / seconds(start));
        }
    }

    private static List<List<Neighbour>> singleQueries(VectorStore store, List<SearchRequest> requests) {
        List<List<Neighbour>> results = new ArrayList<>(requests.size());
        for (SearchRequest request : requests) {
            results.add(store.search(request));
        }
        return results;
    }

    private static double recall(List<List<Neighbour>> results, int[][] truth) {
        int hits = 0;
        for (int q = 0; q < truth.length; q++) {
            Set<String> expected = new HashSet<>();
            for (int row : truth[q]) {
                expected.add(id(row));
            }
            hits += (int) results.get(q).stream().filter(n -> expected.contains(n.id())).count();
        }
        return hits / (double) (truth.length * K);
    }

    private float[][][] baseAndQueries() throws IOException {
        int n = Integer.parseInt(args.get("n"));
        int queries = Integer.parseInt(args.getOrDefault("queries", "1000"));
        String data = args.get("data");
        float[][] all = data.equals("synthetic")
                ? SyntheticVectors.generate(SEED, n + queries, Integer.parseInt(args.get("dim")), SYNTHETIC_CLUSTERS,
                SYNTHETIC_NOISE)
                : VectorFile.readFloats(Path.of(data));
        int baseSize = Math.min(n, all.length - queries);
        return new float[][][] {Arrays.copyOfRange(all, queries, queries + baseSize), Arrays.copyOf(all, queries)};
    }

    private static VectorItem item(int row, float[] vector) {
        return new VectorItem(id(row), Map.of(BenchmarkStore.FIELD, vector),
                new ItemMetadata(null, "bench", row, "bench-v1"));
    }

    private static String id(int row) {
        return Integer.toString(row);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The {@code training} argument, by default as many vectors as faiss is given to train its IVF lists. */
    static int trainingSize(Map<String, String> args, int n, int lists) {
        return Integer.parseInt(args.getOrDefault("training", String.valueOf(Math.min(n / 2, 30 * lists))));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long directorySize(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Deletes a benchmark's state directory and all in it (a filled store leaves gigabytes behind). */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Closes the store when the measurement ends, also on failure. */
    private record ClosingStore(VectorStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
