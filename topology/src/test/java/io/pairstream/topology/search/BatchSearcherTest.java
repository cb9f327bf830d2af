package io.pairstream.topology.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.topology.config.AlignmentSettings;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.ingest.IncomingPair;
import io.pairstream.topology.ingest.SourceRecord;
import io.pairstream.topology.store.ItemMetadata;
import io.pairstream.topology.store.Neighbour;
import io.pairstream.topology.store.SearchRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void shouldProbeTheConfiguredListsForAnImagesRivalCaptionsOnly() {
        float[] image = {0.6f, 0.8f};
        float[] text = {1f, 0f};
        ImageTextPair pair = ImageTextPair.newBuilder().setId("p").setCaption("a coat").setSource("test")
                .setImage(ByteBuffer.wrap(new byte[] {1})).setEventTime(Instant.EPOCH).build();
        EmbeddedPair embedded = new EmbeddedPair(new IncomingPair(pair,
                new SourceRecord(new byte[0], new byte[0], Map.of(), "pairs.raw", 0, 0, 0)), image, text, "m");

        for (int probes : new int[] {7, 0}) {
            CurationConfig config = CurationConfig.of(Map.of(AlignmentSettings.RANK_PROBES_CONFIG, probes));
            BatchSearcher searcher = BatchSearcher.forStages(new SearchFields("text", "image"), config.alignment(),
                    config.selection(), config.quality());

            SearchRequest rivals = searcher.request(Lookup.CAPTIONS_FOR_IMAGE, 10, embedded);
            assertEquals(probes, rivals.probes(), "0 leaves the store's default");
            assertEquals(0.6f + (float) config.alignment().rankMargin(), rivals.minScore(), 1e-6f);
            assertEquals(SearchRequest.STORE_DEFAULT_PROBES, searcher.request(Lookup.SIMILAR_CAPTIONS, 10, embedded).probes());
        }
    }

    private static Neighbour neighbour(String id, float score) {
        return new Neighbour(id, score, METADATA);
    }
}
