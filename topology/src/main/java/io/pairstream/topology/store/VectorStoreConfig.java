package io.pairstream.topology.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of one vector store: its vector fields, its index and its retention. */
public final class VectorStoreConfig extends AbstractConfig {

    public static final String FIELDS_CONFIG = "vector.store.fields";
    private static final String FIELDS_DOC = "The named vectors each item may carry, as name:dimension pairs, "
            + "e.g. 'text:384,image:512'. Searches are by one of these names.";

    public static final String LISTS_CONFIG = "vector.store.index.lists";
    private static final String LISTS_DOC = "Number of inverted lists (k-means centroids) per field. "
            + "About 4 * sqrt(expected items) balances probing against scanning. Learning them stalls the "
            + "stream thread once (about 3.5 s per field for 512 lists from 20,000 vectors on one core); keep "
            + "that well under the producer's transaction timeout.";
    /** At 100k mini-CLIP samples, 512 lists with 24 probes scan half the codes of 256 and recall more (README). */
    public static final int LISTS_DEFAULT = 512;

    public static final String PROBES_CONFIG = "vector.store.index.probes";
    private static final String PROBES_DOC = "Inverted lists scanned per approximate query; more probes "
            + "raise recall and cost time.";
    public static final int PROBES_DEFAULT = 24;

    public static final String RERANK_FACTOR_CONFIG = "vector.store.index.rerank.factor";
    private static final String RERANK_FACTOR_DOC = "Candidates ranked by quantised codes per requested "
            + "neighbour that are re-scored exactly from the stored vectors.";
    public static final int RERANK_FACTOR_DEFAULT = 4;

    public static final String REMAINDER_SIGMAS_CONFIG = "vector.store.index.remainder.sigmas";
    private static final String REMAINDER_SIGMAS_DOC = "When a field's centroids lie mostly in a few "
            + "directions, lists are scanned first by the codes of the vectors' projections onto them, and "
            + "only the codes that may still make a query's candidates are scored in full. This is how far "
            + "the rest of a dot product may lift a score, in standard deviations of the product of two "
            + "unrelated remainders; at the square root of the dimensions left or more it is the "
            + "Cauchy-Schwarz bound, which never drops a candidate the full scan keeps. 0 scans every code "
            + "in full.";
    /** On MiniLM text embeddings recall@10 stayed 0.9537 at 64 probes while QPS nearly doubled (README). */
    public static final double REMAINDER_SIGMAS_DEFAULT = 8.0;

    public static final String ROUNDING_SIGMAS_CONFIG = "vector.store.index.rounding.sigmas";
    private static final String ROUNDING_SIGMAS_DOC = "How far the rounding of int8 codes may move a "
            + "score, in standard deviations, when the first pass of a two-pass scan rules codes out "
            + "against a query's re-rank candidates (against a least score it always grants 4). A code "
            + "dropped this way scores about the deepest of the rerank.factor times k candidates, far "
            + "below the k neighbours returned. Lower scans faster on dense fields, where many codes "
            + "score alike.";
    /** Fashion-MNIST images kept 20% of their codes for full scoring instead of 40%, recall unchanged (README). */
    public static final double ROUNDING_SIGMAS_DEFAULT = 2.0;

    public static final String TRAINING_SIZE_CONFIG = "vector.store.index.training.size";
    private static final String TRAINING_SIZE_DOC = "Vectors a field must hold before its centroids are "
            + "learned by k-means; until then approximate search scans every quantised code.";
    public static final int TRAINING_SIZE_DEFAULT = 20_000;

    public static final String TRAINING_ITERATIONS_CONFIG = "vector.store.index.training.iterations";
    private static final String TRAINING_ITERATIONS_DOC = "k-means iterations when learning centroids.";
    public static final int TRAINING_ITERATIONS_DEFAULT = 8;

    public static final String MAX_ITEMS_CONFIG = "vector.store.retention.max.items";
    private static final String MAX_ITEMS_DOC = "Most items kept per store instance (per partition); the "
            + "oldest by event time are evicted first. 0 means no count bound.";

    public static final String MAX_AGE_MS_CONFIG = "vector.store.retention.max.age.ms";
    private static final String MAX_AGE_MS_DOC = "Items whose event time is older than the newest event "
            + "time seen minus this age are evicted. 0 means no age bound.";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(FIELDS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, FIELDS_DOC)
            .define(LISTS_CONFIG, Type.INT, LISTS_DEFAULT, Range.between(1, 65_536), Importance.MEDIUM, LISTS_DOC)
            .define(PROBES_CONFIG, Type.INT, PROBES_DEFAULT, Range.atLeast(1), Importance.MEDIUM, PROBES_DOC)
            .define(RERANK_FACTOR_CONFIG, Type.INT, RERANK_FACTOR_DEFAULT, Range.between(1, 1_000),
                    Importance.LOW, RERANK_FACTOR_DOC)
            .define(REMAINDER_SIGMAS_CONFIG, Type.DOUBLE, REMAINDER_SIGMAS_DEFAULT, Range.between(0, 1_000),
                    Importance.LOW, REMAINDER_SIGMAS_DOC)
            .define(ROUNDING_SIGMAS_CONFIG, Type.DOUBLE, ROUNDING_SIGMAS_DEFAULT, Range.between(0, 4), Importance.LOW,
                    ROUNDING_SIGMAS_DOC)
            .define(TRAINING_SIZE_CONFIG, Type.INT, TRAINING_SIZE_DEFAULT, Range.atLeast(1), Importance.LOW,
                    TRAINING_SIZE_DOC)
            .define(TRAINING_ITERATIONS_CONFIG, Type.INT, TRAINING_ITERATIONS_DEFAULT, Range.between(1, 100),
                    Importance.LOW, TRAINING_ITERATIONS_DOC)
            .define(MAX_ITEMS_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.HIGH, MAX_ITEMS_DOC)
            .define(MAX_AGE_MS_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.HIGH, MAX_AGE_MS_DOC);

    private final Map<String, Integer> fields;

    public VectorStoreConfig(Map<String, ?> originals) {
        super(CONFIG, originals, false);
        this.fields = parseFields(getList(FIELDS_CONFIG));
        if (getInt(TRAINING_SIZE_CONFIG) < getInt(LISTS_CONFIG)) {
            throw new ConfigException(TRAINING_SIZE_CONFIG + " (" + getInt(TRAINING_SIZE_CONFIG)
                    + ") must be at least " + LISTS_CONFIG + " (" + getInt(LISTS_CONFIG) + ")");
        }
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Field name to dimension, in declaration order. */
    public Map<String, Integer> fields() {
        return fields;
    }

    public int lists() {
        return getInt(LISTS_CONFIG);
    }

    public int probes() {
        return getInt(PROBES_CONFIG);
    }

    public int rerankFactor() {
        return getInt(RERANK_FACTOR_CONFIG);
    }

    public float remainderSigmas() {
        return getDouble(REMAINDER_SIGMAS_CONFIG).floatValue();
    }

    public float roundingSigmas() {
        return getDouble(ROUNDING_SIGMAS_CONFIG).floatValue();
    }

    public int trainingSize() {
        return getInt(TRAINING_SIZE_CONFIG);
    }

    public int trainingIterations() {
        return getInt(TRAINING_ITERATIONS_CONFIG);
    }

    public int maxItems() {
        return getInt(MAX_ITEMS_CONFIG);
    }

    public long maxAgeMs() {
        return getLong(MAX_AGE_MS_CONFIG);
    }

    /** Parses every name:dimension pair and reports all malformed ones at once. */
    private static Map<String, Integer> parseFields(List<String> specs) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":");
            Integer dimension = parts.length == 2 ? parseDimension(parts[1].trim()) : null;
            if (parts[0].isBlank() || dimension == null) {
                problems.add("'" + spec + "' is not name:dimension with a positive dimension");
            } else if (parsed.put(parts[0].trim(), dimension) != null) {
                problems.add("field '" + parts[0].trim() + "' is declared twice");
            }
        }
        if (parsed.isEmpty() && problems.isEmpty()) {
            problems.add("at least one field is needed");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(FIELDS_CONFIG + ": " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(parsed);
    }

    private static Integer parseDimension(String text) {
        try {
            int dimension = Integer.parseInt(text);
            return dimension > 0 ? dimension : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
