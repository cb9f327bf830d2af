package io.pairstream.topology.store;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One top-k query against one named vector field. Build with {@link #of}, then narrow with the
 * {@code with…} methods, e.g. {@code SearchRequest.of("text", v, 10).withExcluded(Set.of(anchorId))}.
 *
 * @param field    the named vector to search by
 * @param query    an L2-normalised query vector of the field's dimension
 * @param k        how many neighbours to return at most
 * @param excluded ids never returned (e.g. the anchor itself)
 * @param filter   only items whose metadata passes are returned
 * @param modelVersion only items embedded by this model version are returned; null for any. Unlike
 *                 a filter, the store checks it once for the whole search while it holds vectors
 *                 of one version only, the usual case
 * @param mode     approximate (default) or exact
 * @param probes   inverted lists an approximate search scans; {@link #STORE_DEFAULT_PROBES} for the
 *                 store's configured number
 * @param minScore the least similarity a returned neighbour has; negative infinity for no floor. A
 *                 floor above most of the field's scores lets an approximate search rule out most
 *                 codes from the first list it scans on, by the codes of their projections alone
 */
public record SearchRequest(String field, float[] query, int k, Set<String> excluded,
                            Predicate<ItemMetadata> filter, String modelVersion, SearchMode mode, int probes, float minScore) {

    /** Use the store's {@link VectorStoreConfig#PROBES_CONFIG}. */
    public static final int STORE_DEFAULT_PROBES = 0;

    /** The filter of a request that filters nothing: the store then checks no item's metadata. */
    static final Predicate<ItemMetadata> ACCEPT_ALL = metadata -> true;

    public SearchRequest {
        Objects.requireNonNull(field, "field cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Objects.requireNonNull(excluded, "excluded cannot be null");
        Objects.requireNonNull(filter, "filter cannot be null");
        Objects.requireNonNull(mode, "mode cannot be null");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (probes < 0) {
            throw new IllegalArgumentException("probes cannot be negative, got " + probes);
        }
        if (Float.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore cannot be NaN");
        }
    }

    public static SearchRequest of(String field, float[] query, int k) {
        return new SearchRequest(field, query, k, Set.of(), ACCEPT_ALL, null, SearchMode.APPROXIMATE, STORE_DEFAULT_PROBES,
                Float.NEGATIVE_INFINITY);
    }

    public SearchRequest withExcluded(Set<String> ids) {
        return new SearchRequest(field, query, k, Set.copyOf(ids), filter, modelVersion, mode, probes, minScore);
    }

    public SearchRequest withFilter(Predicate<ItemMetadata> metadataFilter) {
        return new SearchRequest(field, query, k, excluded, metadataFilter, modelVersion, mode, probes, minScore);
    }

    /** Only items embedded by {@code version} are returned. */
    public SearchRequest withModelVersion(String version) {
        return new SearchRequest(field, query, k, excluded, filter, Objects.requireNonNull(version, "version cannot be null"), mode,
                probes, minScore);
    }

    public SearchRequest withMode(SearchMode searchMode) {
        return new SearchRequest(field, query, k, excluded, filter, modelVersion, searchMode, probes, minScore);
    }

    /** Trades speed for recall in approximate mode: more probed lists, higher recall. */
    public SearchRequest withProbes(int probedLists) {
        return new SearchRequest(field, query, k, excluded, filter, modelVersion, mode, probedLists, minScore);
    }

    /** Only neighbours scoring at least {@code floor} are returned, however few that leaves. */
    public SearchRequest withMinScore(float floor) {
        return new SearchRequest(field, query, k, excluded, filter, modelVersion, mode, probes, floor);
    }

    /** Whether an item with this id and metadata may be returned. */
    boolean accepts(String id, ItemMetadata metadata) {
        return !excluded.contains(id) && (modelVersion == null || modelVersion.equals(metadata.modelVersion()))
                && filter.test(metadata);
    }
}
