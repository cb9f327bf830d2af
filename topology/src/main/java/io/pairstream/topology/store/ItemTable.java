package io.pairstream.topology.store;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps item ids to the dense ordinals the indexes use, keeps each item's metadata for filters, and
 * orders items by event time for retention. Freed ordinals are reused so the arrays stay dense.
 */
final class ItemTable {

    private final Map<String, Integer> ordinals = new HashMap<>();
    /** Items per model version. */
    private final Map<String, Integer> perVersion = new HashMap<>();
    private final ArrayDeque<Integer> freeOrdinals = new ArrayDeque<>();
    private final TreeSet<Aged> byAge = new TreeSet<>(
            Comparator.comparingLong(Aged::eventTimeMs).thenComparingInt(Aged::ordinal));
    private String[] ids = new String[1024];
    private ItemMetadata[] metadata = new ItemMetadata[1024];
    /** Each ordinal's tie key, kept apart from its id so a scan reads one int, not a string. */
    private int[] tieKeys = new int[1024];
    private int nextOrdinal;

    private record Aged(long eventTimeMs, int ordinal) {
    }

    int size() {
        return ordinals.size();
    }

    /** The ordinal of {@code id}, or -1. */
    int ordinal(String id) {
        Integer ordinal = ordinals.get(id);
        return ordinal == null ? -1 : ordinal;
    }

    String id(int ordinal) {
        return ids[ordinal];
    }

    /** A key that orders items of equal score the same way in every run: the id's hash. */
    int tieKey(int ordinal) {
        return tieKeys[ordinal];
    }

    /** Equal scores rank the higher tie key first: a stable order that does not depend on insertion. */
    static int tieKey(String id) {
        return id.hashCode();
    }

    ItemMetadata metadata(int ordinal) {
        return metadata[ordinal];
    }

    /** Registers a new id (not present) and returns its ordinal. */
    int add(String id, ItemMetadata itemMetadata) {
        int ordinal = freeOrdinals.isEmpty() ? nextOrdinal++ : freeOrdinals.pop();
        if (ordinal >= ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
            metadata = Arrays.copyOf(metadata, metadata.length * 2);
            tieKeys = Arrays.copyOf(tieKeys, tieKeys.length * 2);
        }
        ids[ordinal] = id;
        tieKeys[ordinal] = tieKey(id);
        metadata[ordinal] = itemMetadata;
        ordinals.put(id, ordinal);
        perVersion.merge(itemMetadata.modelVersion(), 1, Integer::sum);
        byAge.add(new Aged(itemMetadata.eventTimeMs(), ordinal));
        return ordinal;
    }

    void remove(int ordinal) {
        byAge.remove(new Aged(metadata[ordinal].eventTimeMs(), ordinal));
        perVersion.computeIfPresent(metadata[ordinal].modelVersion(), (version, count) -> count == 1 ? null : count - 1);
        ordinals.remove(ids[ordinal]);
        ids[ordinal] = null;
        metadata[ordinal] = null;
        freeOrdinals.push(ordinal);
    }

    /** Whether every item (none, if empty) was embedded by {@code modelVersion}. */
    boolean allOfVersion(String modelVersion) {
        return perVersion.getOrDefault(modelVersion, 0) == ordinals.size();
    }

    /** The ordinal of the item with the oldest event time, or -1 when empty. */
    int oldest() {
        return byAge.isEmpty() ? -1 : byAge.first().ordinal();
    }
}
