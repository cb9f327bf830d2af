package io.pairstream.curator.observe;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Health read off a Kafka Streams instance's state. */
public final class StreamsHealth implements Supplier<Health> {

    private final KafkaStreams streams;

    public StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health get() {
        KafkaStreams.State state = streams.state();
        boolean live = switch (state) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
        };
        return new Health(live, state == KafkaStreams.State.RUNNING, "kafka streams " + state);
    }
}
