package io.pairstream.topology.search;

import io.pairstream.topology.embed.EmbeddedBatch;
import io.pairstream.topology.store.VectorStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Between embedding and the alignment check: searches the vector store for a whole model batch at
 * once, then forwards its pairs one by one, in input order, each with its neighbours. Each pair
 * goes through the alignment check, selection and insertion before the next is forwarded.
 */
public final class SearchProcessor implements Processor<Object, EmbeddedBatch, String, SearchedPair> {

    private final String storeName;
    private final BatchSearcher searcher;
    private ProcessorContext<String, SearchedPair> context;
    private VectorStore store;

    public SearchProcessor(String storeName, BatchSearcher searcher) {
        this.storeName = storeName;
        this.searcher = searcher;
    }

    @Override
    public void init(ProcessorContext<String, SearchedPair> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Object, EmbeddedBatch> record) {
        for (SearchedPair searched : searcher.search(record.value(), store)) {
            context.forward(new Record<>(searched.id(), searched, searched.pair().incoming().source().timestamp()));
        }
    }
}
