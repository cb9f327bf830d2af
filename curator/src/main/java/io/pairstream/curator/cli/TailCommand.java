package io.pairstream.curator.cli;

import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.embedded.PlatformConnection;
import io.pairstream.curator.tail.RecordLines;
import io.pairstream.curator.tail.TopicFollower;
import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import io.pairstream.schemas.serde.AvroDeserializer;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.TopicNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** {@code tail}: prints the curation's output as it arrives, one readable line per record. */
final class TailCommand implements PairstreamCli.Command {

    static final String HELP = """
            usage: ./pairstream tail [--topic TOPIC] [--from-beginning] [--max N] [--wait SECONDS] [configuration]

            Follows one of the curation's output topics (all partitions, read-committed, without joining a
            consumer group) and prints one line per record. Ctrl-C stops.

              --topic TOPIC      pairs.positive (default), pairs.rejected, curation.metrics or pairs.dlq
                                 (or positive, rejected, metrics, dlq); the name actually read comes from
                                 the topic.* settings
              --from-beginning   start at the oldest record instead of the next new one
              --max N            stop after N records
              --wait SECONDS     stop once nothing has arrived for this long

            %s
            examples:
              ./pairstream tail --bootstrap-server localhost:9092 --schema-registry http://localhost:8081
              ./pairstream tail --topic curation.metrics --from-beginning --max 20 --config prod.properties
            """.formatted(ServiceOptions.HELP);

    /** A topic that can be followed: its name in the settings and the record its values carry. */
    private enum Followed {
        POSITIVE("pairs.positive", "positive", PositivePair.class, TopicNames::positivePairs),
        REJECTED("pairs.rejected", "rejected", RejectedPair.class, TopicNames::rejectedPairs),
        METRICS("curation.metrics", "metrics", PairQualityWindow.class, TopicNames::qualityMetrics),
        DEAD_LETTERS("pairs.dlq", "dlq", DeadLetter.class, TopicNames::deadLetters);

        final String name;
        final String alias;
        final Class<? extends SpecificRecord> type;
        final Function<TopicNames, String> configured;

        Followed(String name, String alias, Class<? extends SpecificRecord> type, Function<TopicNames, String> configured) {
            this.name = name;
            this.alias = alias;
            this.type = type;
            this.configured = configured;
        }
    }

    private final Followed followed;
    private final boolean fromBeginning;
    private final long max;
    private final Duration wait;
    private final ServiceConfig config;
    private final boolean printConfig;

    private TailCommand(Followed followed, boolean fromBeginning, long max, Duration wait, ServiceConfig config, boolean printConfig) {
        this.followed = followed;
        this.fromBeginning = fromBeginning;
        this.max = max;
        this.wait = wait;
        this.config = config;
        this.printConfig = printConfig;
    }

    static TailCommand parse(List<String> argList, Map<String, String> environment) {
        Arguments args = new Arguments(argList, HELP);
        ServiceOptions service = new ServiceOptions();
        Followed followed = Followed.POSITIVE;
        boolean fromBeginning = false;
        long max = Long.MAX_VALUE;
        Duration wait = null;
        while (args.hasNext()) {
            String flag = args.nextFlag();
            switch (flag) {
                case "--topic" -> followed = followed(args.value(flag), args);
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = args.longValue(flag, 1);
                case "--wait" -> wait = Duration.ofMillis((long) (args.positiveDouble(flag) * 1000));
                default -> {
                    if (!service.accept(flag, args)) {
                        throw args.unknown(flag);
                    }
                }
            }
        }
        return new TailCommand(followed, fromBeginning, max, wait, service.load(environment), service.printConfig());
    }

    private static Followed followed(String value, Arguments args) {
        for (Followed candidate : Followed.values()) {
            if (candidate.name.equals(value) || candidate.alias.equals(value)) {
                return candidate;
            }
        }
        throw args.problem("--topic is pairs.positive, pairs.rejected, curation.metrics or pairs.dlq, not '" + value + "'");
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        if (printConfig) {
            config.describe().forEach(out::println);
            return 0;
        }
        String topic = followed.configured.apply(CurationConfig.of(config.settings()).topics());
        try (PlatformConnection platform = PlatformConnection.open(config);
             SchemaRegistryClient registry = SchemaRegistryClients.create(platform.config().registry())) {
            err.println("Following " + topic + (fromBeginning ? " from the beginning" : " from now on") + " (Ctrl-C stops)");
            long printed = follow(followed.type, topic, platform.config(), registry, out, err);
            out.flush();
            err.println(printed + " record" + (printed == 1 ? "" : "s") + " from " + topic);
            return 0;
        }
    }

    private <T extends SpecificRecord> long follow(Class<T> type, String topic, ServiceConfig connected, SchemaRegistryClient registry,
                                                   PrintStream out, PrintStream err) {
        Map<String, Object> props = new HashMap<>(connected.kafka());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], T> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new AvroDeserializer<>(registry, type))) {
            TopicFollower<T> follower = new TopicFollower<>(consumer, topic);
            return GracefulStop.during(follower::stop, () -> follower.follow(fromBeginning, max, wait,
                    value -> out.println(RecordLines.format(value)), problem -> err.println("pairstream tail: " + problem)));
        }
    }
}
