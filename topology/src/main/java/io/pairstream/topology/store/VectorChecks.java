package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.util.Map;

/** Rejects vectors a store cannot hold or search with, naming the store, field and problem. */
final class VectorChecks {

    private final String storeName;
    private final Map<String, Integer> fields;

    VectorChecks(String storeName, Map<String, Integer> fields) {
        this.storeName = storeName;
        this.fields = fields;
    }

    void checkItem(VectorItem item) {
        if (item.vectors().isEmpty()) {
            throw problem("item '" + item.id() + "' has no vectors");
        }
        item.vectors().forEach((field, vector) -> checkVector(field, vector, "item '" + item.id() + "'"));
    }

    void checkQuery(SearchRequest request) {
        checkQuery(request.field(), request.query());
    }

    void checkQuery(String field, float[] query) {
        checkVector(field, query, "query");
    }

    VectorStoreException problem(String problem) {
        return new VectorStoreException(storeName, problem);
    }

    private void checkVector(String field, float[] vector, String owner) {
        Integer dimension = fields.get(field);
        if (dimension == null) {
            throw problem(owner + " uses unknown field '" + field + "'; the store has " + fields.keySet());
        }
        if (vector.length != dimension) {
            throw problem(owner + ": field '" + field + "' expects dimension " + dimension + ", got " + vector.length);
        }
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                throw problem(owner + ": field '" + field + "' holds a NaN or infinite component");
            }
        }
        if (!VectorUtil.isNormalised(vector)) {
            float squareNorm = VectorUtil.squareNorm(vector);
            throw problem(owner + ": field '" + field + "' is " + (squareNorm == 0f ? "a zero vector" :
                    "not L2-normalised (squared norm " + squareNorm + ")"));
        }
    }
}
