package io.pairstream.topology;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.schemas.serde.AvroSerdes;
import io.pairstream.topology.align.AlignmentProcessor;
import io.pairstream.topology.clock.StageClock;
import io.pairstream.topology.config.BatchSettings;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.TopicNames;
import io.pairstream.topology.embed.EmbedBatchProcessor;
import io.pairstream.topology.ingest.DecodeProcessor;
import io.pairstream.topology.ingest.PairDecoder;
import io.pairstream.topology.ingest.SourceRecordSerde;
import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.quality.IntakeCounter;
import io.pairstream.topology.quality.QualityTap;
import io.pairstream.topology.quality.QualityWindowProcessor;
import io.pairstream.topology.search.BatchSearcher;
import io.pairstream.topology.search.SearchFields;
import io.pairstream.topology.search.SearchProcessor;
import io.pairstream.topology.select.HubnessLedger;
import io.pairstream.topology.select.InsertProcessor;
import io.pairstream.topology.select.SelectProcessor;
import io.pairstream.topology.store.VectorStores;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The curation topology of the data flow in DESIGN.md: raw pairs in; dead letters, rejected pairs,
 * positive pairs and pair-quality windows out.
 *
 * <pre>
 * pairs.raw ─┬─ decode ── embed ── search ── align ── select ── insert
 *            │    │         │                  │         │         │
 *            │  dead-letters                rejected  positives    │
 *            └─ intake ──────┴──────────────────┴─────────┴────────┴── quality ── curation.metrics
 * </pre>
 *
 * <p>The model embeds pairs in batches, and the store is searched for a whole batch at once; the
 * pairs then go through alignment, selection and insertion one by one, each seeing exactly the
 * samples stored before it.
 *
 * <p>Every stage of one input partition runs in one task, so its vector store holds that
 * partition's samples: route related samples to the same partition to keep neighbours together.
 */
public final class CurationTopology {

    /** The store field of caption embeddings. */
    public static final String TEXT_FIELD = "text";
    /** The store field of image embeddings. */
    public static final String IMAGE_FIELD = "image";
    /** The vector store of embedded samples: positives are chosen among them. */
    public static final String VECTOR_STORE = "vectors";
    /** The durable buffer of records waiting for their model batch. */
    public static final String EMBED_BUFFER = "embed-buffer";
    /** How often each stored sample was chosen as a positive, per hubness window (a window store). */
    public static final String HUBNESS_LEDGER = "hubness-windows";

    private static final String SOURCE = "raw-pairs";
    private static final String INTAKE = "intake";
    private static final String DECODE = "decode";
    private static final String EMBED = "embed";
    private static final String SEARCH = "search";
    private static final String ALIGN = "align";
    private static final String SELECT = "select";
    private static final String INSERT = "insert";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final String REJECTED = "rejected";
    private static final String POSITIVES = "positives";
    private static final String QUALITY = "quality";

    private CurationTopology() {
    }

    /**
     * The topology for {@code config} with {@code model}; {@code serdeConfig} configures the Avro serdes
     * (e.g. {@code schema.registry.url}).
     */
    public static Topology build(CurationConfig config, ClipModel model, Map<String, ?> serdeConfig) {
        return build(config, model, serdeConfig, StageClock.SYSTEM);
    }

    /** The same with the stages reading {@code clock} ({@link StageClock#SYSTEM} in the service; a test's moves with its driver). */
    public static Topology build(CurationConfig config, ClipModel model, Map<String, ?> serdeConfig, StageClock clock) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(model, "model cannot be null");
        Objects.requireNonNull(serdeConfig, "serdeConfig cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        TopicNames topics = config.topics();
        BatchSettings batching = config.batching();
        AvroDeserializer<ImageTextPair> pairs = new AvroDeserializer<>(null, ImageTextPair.class);
        pairs.configure(serdeConfig, false);
        PairDecoder decoder = new PairDecoder(pairs);
        boolean inlineImages = config.selection().inlineImages();

        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.rawPairs());
        topology.addProcessor(INTAKE, IntakeCounter::new, SOURCE);
        topology.addProcessor(DECODE, () -> new DecodeProcessor(decoder, EMBED, DEAD_LETTERS, clock), SOURCE);
        topology.addProcessor(EMBED, () -> new EmbedBatchProcessor(model, decoder, batching, EMBED_BUFFER, SEARCH, DEAD_LETTERS, clock),
                DECODE);
        SearchFields fields = new SearchFields(TEXT_FIELD, IMAGE_FIELD);
        topology.addProcessor(SEARCH, () -> new SearchProcessor(VECTOR_STORE,
                BatchSearcher.forStages(fields, config.alignment(), config.selection(), config.quality())), EMBED);
        topology.addProcessor(ALIGN, () -> new AlignmentProcessor(VECTOR_STORE, config.alignment(), SELECT, REJECTED, QUALITY, clock),
                SEARCH);
        topology.addProcessor(SELECT, () -> new SelectProcessor(VECTOR_STORE, HUBNESS_LEDGER, TEXT_FIELD, IMAGE_FIELD,
                config.selection(), config.quality(), POSITIVES, INSERT, QUALITY, clock), ALIGN);
        topology.addProcessor(INSERT, () -> new InsertProcessor(VECTOR_STORE, TEXT_FIELD, IMAGE_FIELD, inlineImages, QUALITY), SELECT);
        topology.addProcessor(DEAD_LETTERS, QualityTap::new, DECODE, EMBED);
        topology.addProcessor(REJECTED, QualityTap::new, ALIGN);
        topology.addProcessor(POSITIVES, QualityTap::new, SELECT);
        topology.addProcessor(QUALITY, () -> new QualityWindowProcessor(config.quality().window(), model.version()),
                INTAKE, DEAD_LETTERS, REJECTED, POSITIVES, ALIGN, SELECT, INSERT);

        topology.addSink(DEAD_LETTERS + "-out", topics.deadLetters(), new ByteArraySerializer(),
                serializer(DeadLetter.class, serdeConfig), DEAD_LETTERS);
        topology.addSink(REJECTED + "-out", topics.rejectedPairs(), new StringSerializer(),
                serializer(RejectedPair.class, serdeConfig), REJECTED);
        topology.addSink(POSITIVES + "-out", topics.positivePairs(), new StringSerializer(),
                serializer(PositivePair.class, serdeConfig), POSITIVES);
        topology.addSink(QUALITY + "-out", topics.qualityMetrics(), new StringSerializer(),
                serializer(PairQualityWindow.class, serdeConfig), QUALITY);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMBED_BUFFER), Serdes.Long(),
                new SourceRecordSerde()), EMBED);
        topology.addStateStore(VectorStores.vectorStoreBuilder(VECTOR_STORE,
                config.vectorStore(Map.of(TEXT_FIELD, model.dimension(), IMAGE_FIELD, model.dimension()))), SEARCH, ALIGN, SELECT,
                INSERT);
        topology.addStateStore(HubnessLedger.storeBuilder(HUBNESS_LEDGER, config.selection().hubnessWindow()), SELECT);
        return topology;
    }

    private static <T extends SpecificRecord> Serializer<T> serializer(Class<T> type, Map<String, ?> serdeConfig) {
        return AvroSerdes.specific(type, serdeConfig, false).serializer();
    }
}
