package io.pairstream.topology.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector store layer: validates items, keeps the in-memory index and retention order, and
 * writes every change as bytes to the wrapped key-value store (metered, changelogged, RocksDB), so
 * persistence, the changelog and exactly-once restore are those of Kafka Streams itself.
 *
 * <p>The index is never restored record by record: restoration writes straight into RocksDB, and
 * the first operation after {@link #init} rebuilds the index from RocksDB. Streams only hands a
 * task to processors after its stores are restored, so that first operation sees the whole state.
 */
final class IndexedVectorStore implements VectorStore {

    private static final Logger LOG = LoggerFactory.getLogger(IndexedVectorStore.class);
    private static final String VECTOR_DIRECTORY = "vector-store-vectors";

    private final VectorStoreConfig config;
    private final KeyValueStore<Bytes, byte[]> inner;
    private final VectorChecks checks;
    private Path vectorDirectory;
    private ItemTable table;
    private Map<String, IvfIndex> indexes;
    private List<MappedVectors> vectorFiles = List.of();
    private long streamTimeMs = Long.MIN_VALUE;
    private volatile boolean open;

    IndexedVectorStore(VectorStoreConfig config, KeyValueStore<Bytes, byte[]> inner) {
        this.config = config;
        this.inner = inner;
        this.checks = new VectorChecks(inner.name(), config.fields());
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        vectorDirectory = context.stateDir().toPath().resolve(VECTOR_DIRECTORY).resolve(name());
        table = null;
        indexes = null;
        open = true;
    }

    @Override
    public void put(VectorItem item) {
        Objects.requireNonNull(item, "item cannot be null");
        checkOpen();
        checks.checkItem(item);
        ensureIndexed();
        int existing = table.ordinal(item.id());
        if (existing >= 0) {
            forget(existing);
        }
        Map<String, Integer> lists = remember(item, Map.of());
        inner.put(StoreKeys.item(item.id()), ItemCodec.encode(item, lists));
        if (item.payload() != null) {
            inner.put(StoreKeys.payload(item.id()), item.payload());
        } else if (existing >= 0) {
            inner.delete(StoreKeys.payload(item.id()));
        }
        streamTimeMs = Math.max(streamTimeMs, item.metadata().eventTimeMs());
        trainReadyFields();
        evictBeyondRetention();
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id cannot be null");
        checkOpen();
        ensureIndexed();
        int ordinal = table.ordinal(id);
        if (ordinal < 0) {
            return false;
        }
        evict(ordinal);
        return true;
    }

    @Override
    public Optional<VectorItem> get(String id) {
        Objects.requireNonNull(id, "id cannot be null");
        checkOpen();
        byte[] value = inner.get(StoreKeys.item(id));
        return value == null ? Optional.empty()
                : Optional.of(ItemCodec.decode(value).item().withPayload(inner.get(StoreKeys.payload(id))));
    }

    @Override
    public List<Neighbour> search(SearchRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return searchBatch(List.of(request)).get(0);
    }

    /** Approximate requests on one field are answered together, so each probed list is scanned once for all. */
    @Override
    public List<List<Neighbour>> searchBatch(List<SearchRequest> requests) {
        Objects.requireNonNull(requests, "requests cannot be null");
        checkOpen();
        requests.forEach(checks::checkQuery);
        ensureIndexed();
        TopCandidates.Ranked[] ranked = new TopCandidates.Ranked[requests.size()];
        Map<String, List<Integer>> approximateByField = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            SearchRequest request = requests.get(i);
            if (request.mode() == SearchMode.EXACT) {
                ranked[i] = exact(request);
            } else {
                approximateByField.computeIfAbsent(request.field(), field -> new ArrayList<>()).add(i);
            }
        }
        approximateByField.forEach((field, positions) -> {
            List<IvfIndex.Query> queries = positions.stream().map(i -> indexQuery(requests.get(i))).toList();
            TopCandidates.Ranked[] answers = indexes.get(field).search(queries, table::tieKey);
            for (int j = 0; j < answers.length; j++) {
                ranked[positions.get(j)] = answers[j];
            }
        });
        List<List<Neighbour>> results = new ArrayList<>(ranked.length);
        for (TopCandidates.Ranked answer : ranked) {
            results.add(neighbours(answer));
        }
        return results;
    }

    @Override
    public float similarity(String field, float[] query, String id) {
        Objects.requireNonNull(id, "id cannot be null");
        checkOpen();
        checks.checkQuery(field, query);
        ensureIndexed();
        int ordinal = table.ordinal(id);
        IvfIndex index = indexes.get(field);
        return ordinal >= 0 && index.contains(ordinal) ? index.exactScore(query, ordinal) : Float.NaN;
    }

    /** The share of the codes a field's approximate scans met that they scored in full. */
    double scoredInFullShare(String field) {
        checkOpen();
        ensureIndexed();
        return indexes.get(field).scoredInFullShare();
    }

    /** The subspace a field's lists are first scanned in, if its centroids have one. */
    Optional<DominantSubspace> subspace(String field) {
        checkOpen();
        ensureIndexed();
        return indexes.get(field).subspace();
    }

    @Override
    public int count() {
        checkOpen();
        ensureIndexed();
        return table.size();
    }

    @Override
    public int evictExpired(long streamTime) {
        checkOpen();
        ensureIndexed();
        streamTimeMs = Math.max(streamTimeMs, streamTime);
        return evictBeyondRetention();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    /** Delegated as Kafka's own wrapping stores do, so the inner store's offset handling stays in force. */
    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig queryConfig) {
        return inner.query(query, positionBound, queryConfig);
    }

    /** Drops the in-memory index and vector files first (they only mirror RocksDB), then closes the layers below. */
    @Override
    public void close() {
        open = false;
        table = null;
        indexes = null;
        vectorFiles.forEach(MappedVectors::close);
        vectorFiles = List.of();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    private void checkOpen() {
        if (!open) {
            throw checks.problem("the store is not open (closed, or not yet initialised)");
        }
    }

    private IvfIndex.Query indexQuery(SearchRequest request) {
        int probes = request.probes() == SearchRequest.STORE_DEFAULT_PROBES ? config.probes() : request.probes();
        return new IvfIndex.Query(request.query(), request.k(), request.k() * config.rerankFactor(), probes,
                request.minScore(), accepts(request));
    }

    private List<Neighbour> neighbours(TopCandidates.Ranked ranked) {
        List<Neighbour> neighbours = new ArrayList<>(ranked.ordinals().length);
        for (int i = 0; i < ranked.ordinals().length; i++) {
            int ordinal = ranked.ordinals()[i];
            neighbours.add(new Neighbour(table.id(ordinal), ranked.scores()[i], table.metadata(ordinal)));
        }
        return neighbours;
    }

    /** The exact answer: every item of the field is considered (see {@link IvfIndex#exactSearch}). */
    private TopCandidates.Ranked exact(SearchRequest request) {
        return indexes.get(request.field()).exactSearch(request.query(), request.k(), request.minScore(), accepts(request),
                table::tieKey);
    }

    /**
     * {@link SearchRequest#accepts} by ordinal: the excluded ids are looked up once, so a scan
     * compares ints where it would read each candidate's id string (a cache miss or two apiece, and
     * near-duplicates make candidates many); while every item is of the request's model version, as
     * is usual, no item's metadata is read either (that read and the version's comparison were 5%
     * of the stream thread in an async-profiler profile of the throughput benchmark's burst).
     */
    private IntPredicate accepts(SearchRequest request) {
        int[] excluded = request.excluded().stream().mapToInt(table::ordinal).filter(ordinal -> ordinal >= 0).sorted().toArray();
        Predicate<ItemMetadata> filter = request.filter();
        String version = request.modelVersion();
        boolean checkVersion = version != null && !table.allOfVersion(version);
        boolean checkFilter = filter != SearchRequest.ACCEPT_ALL;
        if (!checkVersion && !checkFilter) {
            return excluded.length == 0 ? ordinal -> true : ordinal -> Arrays.binarySearch(excluded, ordinal) < 0;
        }
        return ordinal -> Arrays.binarySearch(excluded, ordinal) < 0
                && (!checkVersion || version.equals(table.metadata(ordinal).modelVersion()))
                && (!checkFilter || filter.test(table.metadata(ordinal)));
    }

    /** Adds the item to the table and the indexes; returns the list each vector was filed under. */
    private Map<String, Integer> remember(VectorItem item, Map<String, Integer> listHints) {
        int ordinal = table.add(item.id(), item.metadata());
        Map<String, Integer> lists = new HashMap<>();
        item.vectors().forEach((field, vector) -> {
            IvfIndex index = indexes.get(field);
            if (index != null) {
                lists.put(field, index.add(ordinal, vector, listHints.getOrDefault(field, IvfIndex.UNASSIGNED)));
            }
        });
        return lists;
    }

    private void forget(int ordinal) {
        for (IvfIndex index : indexes.values()) {
            index.remove(ordinal);
        }
        table.remove(ordinal);
    }

    /** Removes an item from memory and RocksDB; the delete reaches the changelog as a tombstone. */
    private void evict(int ordinal) {
        String id = table.id(ordinal);
        forget(ordinal);
        inner.delete(StoreKeys.item(id));
        inner.delete(StoreKeys.payload(id));
    }

    private int evictBeyondRetention() {
        int evicted = 0;
        int maxItems = config.maxItems();
        while (maxItems > 0 && table.size() > maxItems) {
            evict(table.oldest());
            evicted++;
        }
        long maxAge = config.maxAgeMs();
        if (maxAge > 0) {
            long cutoff = streamTimeMs - maxAge;
            for (int oldest = table.oldest(); oldest >= 0 && table.metadata(oldest).eventTimeMs() < cutoff;
                 oldest = table.oldest()) {
                evict(oldest);
                evicted++;
            }
        }
        return evicted;
    }

    private void trainReadyFields() {
        indexes.forEach((field, index) -> {
            if (!index.trained() && index.size() >= config.trainingSize()) {
                train(field, index);
            }
        });
    }

    /** Learns a field's centroids and makes them durable: centroids first, their count last. */
    private void train(String field, IvfIndex index) {
        long start = System.nanoTime();
        int dimension = config.fields().get(field);
        float[] centroids = SphericalKMeans.train(index.trainingSample(), index.size(), dimension, config.lists(),
                config.trainingIterations());
        List<KeyValue<Bytes, byte[]>> records = new ArrayList<>(config.lists() + 1);
        for (int c = 0; c < config.lists(); c++) {
            ByteBuffer centroid = ByteBuffer.allocate(dimension * Float.BYTES);
            centroid.asFloatBuffer().put(centroids, c * dimension, dimension);
            records.add(KeyValue.pair(StoreKeys.centroid(field, c), centroid.array()));
        }
        records.add(KeyValue.pair(StoreKeys.centroidCount(field), ByteBuffer.allocate(Integer.BYTES)
                .putInt(config.lists()).array()));
        inner.putAll(records);
        index.install(centroids);
        LOG.info("Vector store '{}' learned {} centroids for field '{}' from {} vectors in {} ms; {}", name(),
                config.lists(), field, index.size(), (System.nanoTime() - start) / 1_000_000, scanOf(index));
    }

    private static String scanOf(IvfIndex index) {
        return index.subspace().map(subspace -> String.format(Locale.ROOT,
                        "lists are scanned first in a subspace of %d directions holding %.1f%% of their energy",
                        subspace.rank(), 100 * subspace.energy()))
                .orElse("lists are scanned in full (no dominant subspace)");
    }

    /** Rebuilds the in-memory index from RocksDB after {@link #init}, i.e. after any restore. */
    private void ensureIndexed() {
        if (table != null) {
            return;
        }
        long start = System.nanoTime();
        table = new ItemTable();
        indexes = new LinkedHashMap<>();
        List<MappedVectors> files = new ArrayList<>();
        config.fields().forEach((field, dimension) -> {
            // Files are named by position: field names need not be valid file names.
            MappedVectors vectors = new MappedVectors(vectorDirectory.resolve(files.size() + ".f32"), dimension);
            files.add(vectors);
            indexes.put(field, restoredIndex(field, dimension, vectors));
        });
        vectorFiles = files;
        try (KeyValueIterator<Bytes, byte[]> items = inner.range(StoreKeys.firstItem(), StoreKeys.afterLastItem())) {
            while (items.hasNext()) {
                ItemCodec.Stored stored = ItemCodec.decode(items.next().value);
                // Catches a store written under a different field configuration.
                checks.checkItem(stored.item());
                remember(stored.item(), stored.lists());
                streamTimeMs = Math.max(streamTimeMs, stored.item().metadata().eventTimeMs());
            }
        }
        LOG.info("Vector store '{}' indexed {} items from RocksDB in {} ms", name(), table.size(),
                (System.nanoTime() - start) / 1_000_000);
        indexes.forEach((field, index) -> {
            if (index.trained()) {
                LOG.info("Vector store '{}' field '{}': {}", name(), field, scanOf(index));
            }
        });
        trainReadyFields();
        evictBeyondRetention();
    }

    /** An index holding the field's durable centroids, if a complete set of them is stored. */
    private IvfIndex restoredIndex(String field, int dimension, MappedVectors vectors) {
        IvfIndex index = new IvfIndex(dimension, vectors, config.remainderSigmas(), config.roundingSigmas());
        byte[] count = inner.get(StoreKeys.centroidCount(field));
        if (count == null) {
            return index;
        }
        int lists = ByteBuffer.wrap(count).getInt();
        float[] centroids = new float[lists * dimension];
        for (int c = 0; c < lists; c++) {
            byte[] centroid = inner.get(StoreKeys.centroid(field, c));
            if (centroid == null || centroid.length != dimension * Float.BYTES) {
                LOG.warn("Vector store '{}' has an incomplete centroid set for field '{}'; it will learn a new one",
                        name(), field);
                return index;
            }
            ByteBuffer.wrap(centroid).asFloatBuffer().get(centroids, c * dimension, dimension);
        }
        index.install(centroids);
        return index;
    }
}
