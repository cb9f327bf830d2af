package io.pairstream.topology.select;

import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.topology.embed.EmbeddedPair;
import io.pairstream.topology.quality.QualityEvent;
import io.pairstream.topology.search.SearchedPair;
import io.pairstream.topology.store.VectorItem;
import io.pairstream.topology.store.VectorStore;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 5: inserts the sample into the vector store, where the store's retention bounds it, and
 * reports the store's size to the {@code quality} child.
 */
public final class InsertProcessor implements Processor<String, SearchedPair, Object, Object> {

    private final String storeName;
    private final String textField;
    private final String imageField;
    private final boolean keepImages;
    private final String qualityChild;
    private ProcessorContext<Object, Object> context;
    private VectorStore store;

    public InsertProcessor(String storeName, String textField, String imageField, boolean keepImages, String qualityChild) {
        this.storeName = storeName;
        this.textField = textField;
        this.imageField = imageField;
        this.keepImages = keepImages;
        this.qualityChild = qualityChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SearchedPair> record) {
        EmbeddedPair sample = record.value().pair();
        ImageTextPair pair = sample.incoming().pair();
        byte[] image = keepImages && pair.getImage() != null ? bytes(pair.getImage()) : null;
        store.put(new VectorItem(sample.id(), Map.of(textField, sample.textVector(), imageField, sample.imageVector()), sample.metadata(),
                new SamplePayload(pair.getCaption(), image).encode()));
        record.value().markStored();
        context.forward(record.withValue(new QualityEvent.Stored(store.count())), qualityChild);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
