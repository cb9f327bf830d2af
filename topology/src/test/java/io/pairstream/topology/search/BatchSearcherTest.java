package io.pairstream.topology.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.store.Neighbour;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSearcherTest {

    private static final ItemMetadata METADATA = new ItemMetadata(null, null, 0, "m");

    @Test
    void shouldCountNeighboursAsGoodAsTheExactOnesAsFoundWhateverTheirIds() {
        List<Neighbour> exact = List.of(neighbour("a", 0.99f), neighbour("b", 0.9f), neighbour("c", 0.8f));
        // "x" ties "c" to within float noise (another copy of the same caption); "y" is truly worse.
        List<Neighbour> approximate = List.of(neighbour("a", 0.99f), neighbour("x", 0.8f - BatchSearcher.TIE / 2),
                neighbour("y", 0.8f - 2 * BatchSearcher.TIE));
        assertEquals(2, BatchSearcher.recallHits(approximate, exact));
        assertEquals(3, BatchSearcher.recallHits(exact, exact));
    }

    @Test
    void shouldNotCountMoreHitsThanTheExactSearchFound() {
        List<Neighbour> exact = List.of(neighbour("a", 0.5f));
        assertEquals(1, BatchSearcher.recallHits(List.of(neighbour("a", 0.5f), neighbour("b", 0.5f)), exact));
        assertEquals(0, BatchSearcher.recallHits(List.of(neighbour("a", 0.5f)), List.of()));
    }

    private static Neighbour neighbour(String id, float score) {
        return new Neighbour(id, score, METADATA);
    }
}
