package io.pairstream.topology.store;

import io.pairstream.topology.vector.FirstPassQuery;
import io.pairstream.topology.vector.VectorUtil;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The inverted-file index of one vector field. Each item (by ordinal) sits in the list of its
 * nearest centroid as an int8 code held in memory; a query scans the codes of its nearest lists and
 * re-ranks the best of them exactly against the float vectors in {@link MappedVectors}. Before the
 * centroids are learned there is a single list, so search is an exhaustive scan of codes.
 *
 * <p>When the centroids lie mostly in a few directions (a {@link DominantSubspace}), a list is
 * scanned in two passes once a query holds enough candidates to have a score to beat. The first
 * pass scores only the int8 codes of the projections, and grants each code what the rest of the dot
 * product, {@code r_q·r_x}, could add: at most {@code ‖r_q‖·‖r_x‖} (Cauchy–Schwarz), reached when
 * the remainders point the same way, as for duplicates; for unrelated remainders typically that
 * product over √(dimensions left). The allowance is that product times the larger of
 * {@code remainderSigmas/√(dimensions left)} and the cosine of the two projections (vectors alike
 * in the subspace are taken to be alike outside it; a duplicate gets the full bound), plus the
 * rounding allowance of the int8 codes of both passes. A query foreign to the field, whose
 * remainder is several times its vectors' mean (an image searching captions), gets the first term
 * alone: its remainder is mostly in directions the field's vectors lack, whatever its projection.
 * Only the codes that could still beat the score are scored in full. A query visits its lists
 * nearest first, so the score to beat rises early.
 *
 * <p>The rounding allowance is {@link Int8Quantiser#ROUNDING_DEVIATIONS} deviations against a
 * least score the query asks for, which is a hard cut, but {@code roundingSigmas} against its own
 * candidates: those are {@code rerank.factor} times as many as the neighbours wanted, so a code the
 * smaller allowance drops scores about the deepest candidate's, far below the neighbours'. Dense
 * fields need it: Fashion-MNIST images of one class score within 0.02 of each other, about the
 * 4-deviation allowance, and kept 40% of their codes for full scoring (20% at 2 deviations, with
 * recall unchanged; {@code bench/curation/lookups.sh}).
 */
final class IvfIndex {

    static final int UNASSIGNED = -1;
    private static final int INITIAL_ORDINALS = 1024;
    /** The largest norm of a stored vector: stores only take vectors normalised within the tolerance. */
    private static final float MAX_NORM = (float) Math.sqrt(1 + VectorUtil.NORMALISED_TOLERANCE);
    /**
     * How many times the mean remainder of a field's vectors a query's remainder must be to be
     * taken as foreign to the field. Mini-CLIP images searching its captions leave 0.85 outside the
     * captions' subspace, the captions themselves 0.11.
     */
    private static final float FOREIGN_REMAINDER_RATIO = 3f;

    private final int dimension;
    private final MappedVectors vectors;
    private final float remainderSigmas;
    /** The share of a code's rounding allowance the first pass grants against a query's candidates. */
    private final float competingAllowanceShare;
    private Centroids centroids;
    /** Null when the centroids have no dominant subspace, or the two-pass scan is off. */
    private DominantSubspace subspace;
    private PostingList[] lists;
    private int[] listOf = new int[INITIAL_ORDINALS];
    private int[] positionOf = new int[INITIAL_ORDINALS];
    private int size;
    /** Codes met by approximate scans, and those of them scored in full, since the index was built. */
    private long codesScanned;
    private long codesScoredInFull;
    /** The sum of the remainder norms of the indexed vectors' projections, for their mean. */
    private double remainderSum;
    /** Reused by every search: like the rest of a store, an index is confined to its stream thread. */
    private final ScanBuffers buffers;
    /**
     * The nearest list of each query vector of the last search, by instance: a stream searches for a
     * sample's vectors and then inserts the same arrays, and the insert reuses the list instead of
     * ranking every centroid again (about 5% of the curation's stream thread).
     */
    private final Map<float[], NearestList> searchedNearest = new IdentityHashMap<>();

    /**
     * An index whose two-pass scan grants remainders {@code remainderSigmas} deviations (0 turns it
     * off), and the rounding of codes {@code roundingSigmas} deviations when it rules codes out
     * against a query's candidates; against a least score it grants them
     * {@link Int8Quantiser#ROUNDING_DEVIATIONS}.
     */
    IvfIndex(int dimension, MappedVectors vectors, float remainderSigmas, float roundingSigmas) {
        this.dimension = dimension;
        this.vectors = vectors;
        this.remainderSigmas = remainderSigmas;
        this.competingAllowanceShare = (float) (roundingSigmas / Int8Quantiser.ROUNDING_DEVIATIONS);
        this.buffers = new ScanBuffers(dimension);
        this.lists = new PostingList[] {new PostingList(dimension, 0)};
        Arrays.fill(listOf, UNASSIGNED);
    }

    int size() {
        return size;
    }

    boolean trained() {
        return centroids != null;
    }

    /**
     * Adds the vector of {@code ordinal} to the list {@code listHint} when that is a valid list of
     * a trained index (as recorded in the store), else to its nearest list. Returns the list to
     * record with the item, or {@link #UNASSIGNED} while untrained, since the single untrained
     * list means nothing once centroids exist.
     */
    int add(int ordinal, float[] vector, int listHint) {
        Int8Quantiser.Code code = Int8Quantiser.quantise(vector);
        DominantSubspace.Projection projection = subspace == null ? null : subspace.project(vector);
        int list = !trained() ? 0 : listHint >= 0 && listHint < lists.length ? listHint : nearestList(vector, code);
        ensureOrdinalCapacity(ordinal);
        vectors.put(ordinal, vector);
        positionOf[ordinal] = lists[list].append(ordinal, code, projection);
        listOf[ordinal] = list;
        remainderSum += projection == null ? 0 : projection.remainder();
        size++;
        return trained() ? list : UNASSIGNED;
    }

    /** The list a vector belongs in: as the last search found it for the same, unchanged array, else ranked now. */
    private int nearestList(float[] vector, Int8Quantiser.Code code) {
        NearestList searched = searchedNearest.remove(vector);
        return searched != null && Arrays.equals(searched.vector(), vector) ? searched.list() : centroids.nearest(vector, code, 1)[0];
    }

    /** A searched vector, as it was then, and its nearest list. */
    private record NearestList(float[] vector, int list) {
    }

    /** The exact cosine of {@code query} and the indexed vector of {@code ordinal}. */
    float exactScore(float[] query, int ordinal) {
        return vectors.dotProduct(query, ordinal);
    }

    boolean contains(int ordinal) {
        return ordinal < listOf.length && listOf[ordinal] != UNASSIGNED;
    }

    void remove(int ordinal) {
        if (!contains(ordinal)) {
            return;
        }
        PostingList list = lists[listOf[ordinal]];
        remainderSum -= subspace == null ? 0 : list.remainder(positionOf[ordinal]);
        int moved = list.remove(positionOf[ordinal]);
        if (moved >= 0) {
            positionOf[moved] = positionOf[ordinal];
        }
        listOf[ordinal] = UNASSIGNED;
        size--;
    }

    /** The approximate floats of every indexed vector, row by row, for learning centroids. */
    float[] trainingSample() {
        float[] sample = new float[size * dimension];
        int offset = 0;
        for (PostingList list : lists) {
            list.dequantiseAll(sample, offset);
            offset += list.size() * dimension;
        }
        return sample;
    }

    /** The share of the codes met by approximate scans so far that were scored in full (1 before any scan). */
    double scoredInFullShare() {
        return codesScanned == 0 ? 1 : codesScoredInFull / (double) codesScanned;
    }

    /** The subspace of the two-pass scan, if the index has one. */
    Optional<DominantSubspace> subspace() {
        return Optional.ofNullable(subspace);
    }

    /**
     * Installs learned centroids, with their dominant subspace if they have one, and moves every
     * indexed vector to its nearest list, re-coded from its floats.
     */
    void install(float[] learned) {
        int[] members = indexedOrdinals();
        this.centroids = new Centroids(learned, dimension);
        this.subspace = remainderSigmas > 0 ? DominantSubspace.of(learned, dimension).orElse(null) : null;
        this.lists = new PostingList[centroids.count()];
        searchedNearest.clear();
        for (int i = 0; i < lists.length; i++) {
            lists[i] = new PostingList(dimension, subspace == null ? 0 : subspace.rank());
        }
        Arrays.fill(listOf, UNASSIGNED);
        size = 0;
        remainderSum = 0;
        for (int ordinal : members) {
            add(ordinal, vectors.vector(ordinal), UNASSIGNED);
        }
    }

    /**
     * Answers several queries at once, best first per query; a query's candidates by int8 score are
     * re-ranked by exact dot product. The answer for a query does not depend on the other queries
     * of the batch: equal scores are ordered by the items' stable {@code tieKeys}, and the order in
     * which a query meets its lists is its own.
     *
     * <p>Without a subspace every probed code is scored whatever the order, so each probed list is
     * scanned for all the queries that probe it in turn, while its codes are in cache. With one,
     * each query meets its lists about nearest first: its candidates soon hold a score to beat, and
     * the first pass of the later lists rules out most of their codes (on MiniLM embeddings, kept
     * codes fell from 20% in list order to 8%); see {@link #scanNearestFirst} for how the queries
     * still share their reads of a list.
     */
    TopCandidates.Ranked[] search(List<Query> queries, IntUnaryOperator tieKeys) {
        Scan[] scans = new Scan[queries.size()];
        int[][] probed = new int[scans.length][];
        searchedNearest.clear();
        for (int q = 0; q < scans.length; q++) {
            Query query = queries.get(q);
            Int8Quantiser.Code code = Int8Quantiser.quantise(query.vector());
            DominantSubspace.Projection projection = subspace == null ? null : subspace.project(query.vector());
            scans[q] = scan(query, code, projection);
            probed[q] = trained() ? centroids.nearest(query.vector(), code, query.probes()) : new int[] {0};
            if (trained() && probed[q].length > 0) {
                searchedNearest.put(query.vector(), new NearestList(query.vector().clone(), probed[q][0]));
            }
        }
        if (subspace == null) {
            scanListByList(scans, probed, tieKeys);
        } else {
            scanNearestFirst(scans, probed, tieKeys);
        }
        TopCandidates.Ranked[] ranked = new TopCandidates.Ranked[scans.length];
        for (int q = 0; q < scans.length; q++) {
            ranked[q] = rerank(queries.get(q), scans[q].top().drainBestFirst(), tieKeys);
        }
        return ranked;
    }

    /** Scans each probed list once for every query that probes it. */
    private void scanListByList(Scan[] scans, int[][] probed, IntUnaryOperator tieKeys) {
        int[][] probers = probersByList(probed);
        for (int list = 0; list < lists.length; list++) {
            if (probers[list].length > 0) {
                buffers.fit(lists[list].size());
            }
            for (int q : probers[list]) {
                scan(lists[list], scans[q], tieKeys);
            }
        }
    }

    /**
     * Scans the probed lists so that each query meets its nearest lists first and each list is read
     * once for most of the queries that probe it. First every query scans its nearest list alone,
     * which gives it a score to beat; then, round by round, the {@code r}-th nearest list of each
     * query, unless scanned already, is scanned for every query that probes it and has not yet.
     * The queries of a batch are alike (a batch's captions share templates, its images classes), so
     * their lists overlap: a list's codes are read from memory once and stay in cache for the rest.
     */
    private void scanNearestFirst(Scan[] scans, int[][] probed, IntUnaryOperator tieKeys) {
        int[][] probers = probersByList(probed);
        Integer[] byNearest = new Integer[scans.length];
        for (int q = 0; q < scans.length; q++) {
            byNearest[q] = q;
        }
        Arrays.sort(byNearest, (a, b) -> Integer.compare(nearest(probed[a]), nearest(probed[b])));
        for (int q : byNearest) {
            if (probed[q].length > 0) {
                buffers.fit(lists[probed[q][0]].size());
                scan(lists[probed[q][0]], scans[q], tieKeys);
            }
        }
        boolean[] scanned = new boolean[lists.length];
        int rounds = Arrays.stream(probed).mapToInt(probes -> probes.length).max().orElse(0);
        for (int round = 1; round < rounds; round++) {
            for (int[] probes : probed) {
                if (round >= probes.length || scanned[probes[round]]) {
                    continue;
                }
                int list = probes[round];
                scanned[list] = true;
                buffers.fit(lists[list].size());
                for (int q : probers[list]) {
                    if (probed[q][0] != list) {
                        scan(lists[list], scans[q], tieKeys);
                    }
                }
            }
        }
    }

    private static int nearest(int[] probes) {
        return probes.length == 0 ? -1 : probes[0];
    }

    /** For each list, the queries that probe it, in query order. */
    private int[][] probersByList(int[][] probed) {
        int[] probesPerList = new int[lists.length];
        for (int[] probes : probed) {
            for (int list : probes) {
                probesPerList[list]++;
            }
        }
        int[][] probers = new int[lists.length][];
        for (int list = 0; list < lists.length; list++) {
            probers[list] = new int[probesPerList[list]];
            probesPerList[list] = 0;
        }
        for (int q = 0; q < probed.length; q++) {
            for (int list : probed[q]) {
                probers[list][probesPerList[list]++] = q;
            }
        }
        return probers;
    }

    /**
     * The exact best {@code k} accepted items: the same answer as scoring every vector exactly,
     * found from the int8 codes first. A code bounds its item's exact score
     * ({@link Int8Quantiser#errorBound}); the {@code k}-th best lower bound among accepted items is a
     * score that {@code k} items certainly reach, so only the items whose upper bound reaches it go
     * on, and those left at the end are scored exactly, from the vector file. With a subspace the
     * codes of the projections are read first, their bound widened by the remainders' Cauchy–Schwarz
     * bound {@code ‖r_q‖·‖r_x‖}, and only the items they leave have their full codes read (on the
     * curation's mini-CLIP store, where projections are 48 of 384 bytes, exact searches took about
     * 60% of the time of reading every code).
     */
    TopCandidates.Ranked exactSearch(float[] query, int k, float minScore, IntPredicate accept, IntUnaryOperator tieKeys) {
        Int8Quantiser.Code code = Int8Quantiser.quantise(query);
        Bounds bounds = subspace == null ? boundByCodes(code, k, accept, null)
                : boundByCodes(code, k, accept, boundByProjections(subspace.project(query), k, accept));
        TopCandidates best = new TopCandidates(k);
        float reach = Math.max(bounds.reached(), minScore);
        for (int i = 0; i < bounds.count(); i++) {
            if (bounds.upper()[i] >= reach) {
                int ordinal = bounds.ordinals()[i];
                float score = vectors.dotProduct(query, ordinal);
                if (score >= minScore && best.wouldAccept(score) && accept.test(ordinal)) {
                    best.offer(score, ordinal, tieKeys.applyAsInt(ordinal));
                }
            }
        }
        return best.drainBestFirst();
    }

    /**
     * Bounds from the full codes of every indexed item, or with {@code earlier} bounds (in list
     * order), of the items whose earlier upper bound reaches the earlier threshold.
     */
    private Bounds boundByCodes(Int8Quantiser.Code code, int k, IntPredicate accept, Bounds earlier) {
        Int8Quantiser.ErrorBound bound = Int8Quantiser.errorBound(code, MAX_NORM);
        TopCandidates surest = new TopCandidates(k);
        int[] ordinals = new int[size];
        float[] upper = new float[size];
        int count = 0;
        int entry = 0;
        for (PostingList list : lists) {
            int n = list.size();
            buffers.fit(n);
            int[] rows = buffers.rows;
            int kept = 0;
            for (int position = 0; position < n; position++, entry++) {
                rows[kept] = position;
                kept += earlier == null || earlier.upper()[entry] >= earlier.reached() ? 1 : 0;
            }
            VectorUtil.dotProducts(code.bytes(), kept < n ? gather(list, rows, kept) : list.codes(), kept, buffers.scores);
            for (int i = 0; i < kept; i++) {
                int position = rows[i];
                float estimate = buffers.scores[i] * code.scale() * list.scale(position);
                float error = bound.of(list.scale(position));
                int ordinal = list.ordinal(position);
                if (surest.wouldAccept(estimate - error) && accept.test(ordinal)) {
                    surest.offer(estimate - error, ordinal, 0);
                }
                ordinals[count] = ordinal;
                upper[count++] = estimate + error;
            }
        }
        return new Bounds(ordinals, upper, count, surest.threshold());
    }

    /** Bounds of every indexed item, in list order, from the codes of the projections and the remainders' norms. */
    private Bounds boundByProjections(DominantSubspace.Projection projection, int k, IntPredicate accept) {
        Int8Quantiser.ErrorBound bound = Int8Quantiser.errorBound(projection.code(), MAX_NORM);
        TopCandidates surest = new TopCandidates(k);
        float[] upper = new float[size];
        int count = 0;
        for (PostingList list : lists) {
            int n = list.size();
            buffers.fit(n);
            VectorUtil.dotProducts(projection.code().bytes(), list.projectionCodes(), n, buffers.scores);
            for (int position = 0; position < n; position++) {
                float estimate = buffers.scores[position] * projection.code().scale() * list.projectionScale(position);
                float error = bound.of(list.projectionScale(position)) + projection.remainder() * list.remainder(position);
                int ordinal = list.ordinal(position);
                if (surest.wouldAccept(estimate - error) && accept.test(ordinal)) {
                    surest.offer(estimate - error, ordinal, 0);
                }
                upper[count++] = estimate + error;
            }
        }
        return new Bounds(null, upper, count, surest.threshold());
    }

    /** Upper bounds of the exact scores of {@code count} items (by ordinal, when known), and the score {@code k} accepted items reach. */
    private record Bounds(int[] ordinals, float[] upper, int count, float reached) {
    }

    /** A query's scan state: its code, what its first passes need (if the index has a subspace), its candidates. */
    private Scan scan(Query query, Int8Quantiser.Code code, DominantSubspace.Projection projection) {
        TopCandidates top = new TopCandidates(query.candidates());
        float floor = query.minScore() - Int8Quantiser.roundingAllowance(code.scale());
        if (projection == null) {
            return new Scan(code, null, top, floor, query.accept());
        }
        float unrelated = (float) Math.min(1, remainderSigmas / Math.sqrt(dimension - subspace.rank()));
        boolean foreign = projection.remainder() > FOREIGN_REMAINDER_RATIO * remainderSum / Math.max(1, size);
        FirstPassQuery firstPassQuery = new FirstPassQuery(projection.code().scale(), foreign ? 0f : projection.inverseNorm(),
                projection.remainder(), unrelated, 1f);
        FirstPass firstPass = new FirstPass(projection.code(), firstPassQuery,
                firstPassQuery.withAllowanceShare(competingAllowanceShare), projection.roundingAllowance(code));
        return new Scan(code, firstPass, top, floor, query.accept());
    }

    /**
     * Offers a list's codes to a query's candidates: all of them while the query has no score to
     * beat yet or the index no subspace, else those the first pass leaves in contention (see the
     * class comment).
     */
    private void scan(PostingList list, Scan query, IntUnaryOperator tieKeys) {
        int n = list.size();
        int[] scores = buffers.scores;
        float best = query.top().threshold();
        float threshold = Math.max(best, query.floor());
        codesScanned += n;
        if (query.firstPass() == null || threshold == Float.NEGATIVE_INFINITY) {
            codesScoredInFull += n;
            VectorUtil.dotProducts(query.code().bytes(), list.codes(), n, scores);
            offer(list, query, scores, null, n, tieKeys);
            return;
        }
        FirstPass first = query.firstPass();
        FirstPassQuery pass = best > query.floor() ? first.competing() : first.query();
        VectorUtil.dotProducts(first.code().bytes(), list.projectionCodes(), n, scores);
        int[] rows = buffers.rows;
        int kept = VectorUtil.keptByFirstPass(scores, list.projectionScales(), list.inverseNorms(), list.remainders(),
                list.roundingAllowances(), pass, threshold - pass.allowanceShare() * first.rounding(), n, rows);
        codesScoredInFull += kept;
        VectorUtil.dotProducts(query.code().bytes(), gather(list, rows, kept), kept, scores);
        offer(list, query, scores, rows, kept, tieKeys);
    }

    /**
     * Copies the codes at the first {@code count} of {@code rows} of a list together and returns
     * them, to be scored by the same kernel as whole lists: reading scattered rows in place stalls
     * on memory, and the copy's reads overlap.
     */
    private byte[] gather(PostingList list, int[] rows, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(list.codes(), rows[i] * dimension, buffers.gathered, i * dimension, dimension);
        }
        return buffers.gathered;
    }

    /**
     * Offers {@code count} scored codes, at {@code rows} or (when null) the first positions, to a
     * query's candidates. Items tied with the worst candidate are common (duplicate captions share
     * one code), so the tie key is checked before the costlier filter.
     */
    private static void offer(PostingList list, Scan query, int[] scores, int[] rows, int count,
                              IntUnaryOperator tieKeys) {
        TopCandidates top = query.top();
        float queryScale = query.code().scale();
        for (int i = 0; i < count; i++) {
            int position = rows == null ? i : rows[i];
            float score = scores[i] * queryScale * list.scale(position);
            if (top.wouldAccept(score) && (query.floor() == Float.NEGATIVE_INFINITY
                    || score + Int8Quantiser.roundingAllowance(list.scale(position)) >= query.floor())) {
                int ordinal = list.ordinal(position);
                int tieKey = tieKeys.applyAsInt(ordinal);
                if (top.wouldAccept(score, tieKey) && query.accept().test(ordinal)) {
                    top.offer(score, ordinal, tieKey);
                }
            }
        }
    }

    private TopCandidates.Ranked rerank(Query query, TopCandidates.Ranked candidates, IntUnaryOperator tieKeys) {
        TopCandidates best = new TopCandidates(query.k());
        for (int ordinal : candidates.ordinals()) {
            float score = vectors.dotProduct(query.vector(), ordinal);
            if (score >= query.minScore()) {
                best.offer(score, ordinal, tieKeys.applyAsInt(ordinal));
            }
        }
        return best.drainBestFirst();
    }

    private int[] indexedOrdinals() {
        int[] members = new int[size];
        int count = 0;
        for (int ordinal = 0; ordinal < listOf.length; ordinal++) {
            if (listOf[ordinal] != UNASSIGNED) {
                members[count++] = ordinal;
            }
        }
        return members;
    }

    private void ensureOrdinalCapacity(int ordinal) {
        if (ordinal >= listOf.length) {
            int capacity = Math.max(ordinal + 1, listOf.length * 2);
            int old = listOf.length;
            listOf = Arrays.copyOf(listOf, capacity);
            positionOf = Arrays.copyOf(positionOf, capacity);
            Arrays.fill(listOf, old, capacity, UNASSIGNED);
        }
    }

    /** Scratch arrays of the scans, grown to the largest list scanned so far. */
    private static final class ScanBuffers {
        private final int dimension;
        private int[] scores = new int[0];
        private int[] rows = new int[0];
        private byte[] gathered = new byte[0];

        ScanBuffers(int dimension) {
            this.dimension = dimension;
        }

        void fit(int listSize) {
            if (scores.length < listSize) {
                scores = new int[listSize];
                rows = new int[listSize];
                gathered = new byte[listSize * dimension];
            }
        }
    }

    /**
     * One approximate query: its vector, how many neighbours it wants, how many int8 candidates are
     * re-ranked exactly, how many lists it probes, the least exact score it returns (negative
     * infinity for any), and which ordinals it may return.
     */
    record Query(float[] vector, int k, int candidates, int probes, float minScore, IntPredicate accept) {
    }

    /**
     * A query's code, its first pass (null without a subspace), the candidates it gathers, and the
     * code score below which no candidate is kept: the least score wanted, less the rounding
     * allowance of the query's code (each item's own is granted as it is met).
     */
    private record Scan(Int8Quantiser.Code code, FirstPass firstPass, TopCandidates top, float floor, IntPredicate accept) {
    }

    /**
     * What a query's first passes need: its projection's code, what the bound of each code needs of
     * the query against a least score and against the query's candidates, and the rounding
     * allowance of its own two codes.
     */
    private record FirstPass(Int8Quantiser.Code code, FirstPassQuery query, FirstPassQuery competing, float rounding) {
    }
}
