package io.pairstream.curator.cli;

import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.config.TopicLayout;
import io.pairstream.curator.console.ProgressBar;
import io.pairstream.curator.dataset.FashionMnist;
import io.pairstream.curator.embedded.PlatformConnection;
import io.pairstream.curator.ingest.IngestSummary;
import io.pairstream.curator.ingest.Ingestor;
import io.pairstream.curator.ingest.PairSource;
import io.pairstream.curator.ingest.PairSources;
import io.pairstream.curator.topics.CurationTopics;
import io.pairstream.curator.topics.TopicProvisioner;
import io.pairstream.schemas.records.ImageTextPair;
import io.pairstream.schemas.serde.AvroSerializer;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.config.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** {@code ingest}: publishes image-caption pairs from a folder, a WebDataset shard or a bundled data set to {@code pairs.raw}. */
final class IngestCommand implements PairstreamCli.Command {

    static final String HELP = """
            usage: ./pairstream ingest SOURCE [--rate N] [--limit N] [--source NAME] [configuration]

            Publishes ImageTextPair records (Avro, Confluent wire format, schema registered) to the
            topic.pairs.raw topic. Unreadable files, bad lines, undecodable images and empty captions
            are reported and skipped; a summary ends the run.

            SOURCE, one of:
              --folder DIR --captions FILE   images under DIR, captions in FILE: CSV with a header
                                             (file,caption[,label][,id]) or JSON Lines
                                             ({"file": ..., "caption": ..., "label": ...})
              --webdataset TAR               a WebDataset shard (.tar or .tar.gz): KEY.jpg/.png + KEY.txt
                                             caption (+ optional KEY.cls label) per sample
              --fashion-mnist DIR            Fashion-MNIST IDX files (Debian: /usr/share/datasets/fashion-mnist),
                                             captioned 'a photo of trousers' etc.; --split train|test (train)
              --emoji DIR                    the unpacked npm package emoji-datasource-google; caption =
                                             the emoji's name, label = its subcategory

            options:
              --rate N        at most N records per second (default: as fast as the broker takes them)
              --limit N       publish at most N records
              --source NAME   the records' source field for --folder and --webdataset (default: the
                              folder or file name)

            %s
            examples:
              ./pairstream ingest --fashion-mnist /usr/share/datasets/fashion-mnist --limit 2000 --rate 200
              ./pairstream ingest --folder photos --captions photos/captions.csv --bootstrap-server kafka:9092 \\
                  --schema-registry http://registry:8081
              PAIRSTREAM_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 ./pairstream ingest --webdataset shard-000.tar --config prod.properties
            """.formatted(ServiceOptions.HELP);

    private final SourceChoice choice;
    private final double rate;
    private final long limit;
    private final ServiceConfig config;
    private final boolean printConfig;

    /** The source named on the command line; opened at run time, when reading may fail. */
    private record SourceChoice(String kind, Path path, Path captions, FashionMnist.Split split, String sourceName) {
    }

    private IngestCommand(SourceChoice choice, double rate, long limit, ServiceConfig config, boolean printConfig) {
        this.choice = choice;
        this.rate = rate;
        this.limit = limit;
        this.config = config;
        this.printConfig = printConfig;
    }

    static IngestCommand parse(List<String> argList, Map<String, String> environment) {
        Arguments args = new Arguments(argList, HELP);
        ServiceOptions service = new ServiceOptions();
        Map<String, Path> sources = new HashMap<>();
        Path captions = null;
        FashionMnist.Split split = FashionMnist.Split.TRAIN;
        String sourceName = null;
        double rate = 0;
        long limit = Long.MAX_VALUE;
        while (args.hasNext()) {
            String flag = args.nextFlag();
            switch (flag) {
                case "--folder", "--webdataset", "--fashion-mnist", "--emoji" -> sources.put(flag, args.path(flag));
                case "--captions" -> captions = args.path(flag);
                case "--split" -> {
                    String value = args.value(flag);
                    split = switch (value.toLowerCase(Locale.ROOT)) {
                        case "train" -> FashionMnist.Split.TRAIN;
                        case "test" -> FashionMnist.Split.TEST;
                        default -> throw args.problem("--split is train or test, not '" + value + "'");
                    };
                }
                case "--source" -> sourceName = args.value(flag);
                case "--rate" -> rate = args.positiveDouble(flag);
                case "--limit" -> limit = args.longValue(flag, 1);
                default -> {
                    if (!service.accept(flag, args)) {
                        throw args.unknown(flag);
                    }
                }
            }
        }
        if (sources.size() != 1 && !(sources.isEmpty() && service.printConfig())) {
            throw args.problem(sources.isEmpty() ? "name a source: --folder, --webdataset, --fashion-mnist or --emoji"
                    : "name one source, not " + String.join(" and ", sources.keySet().stream().sorted().toList()));
        }
        if (sources.containsKey("--folder") != (captions != null)) {
            throw args.problem(captions == null ? "--folder needs --captions FILE" : "--captions goes with --folder");
        }
        Map.Entry<String, Path> chosen = sources.isEmpty() ? null : sources.entrySet().iterator().next();
        SourceChoice choice = chosen == null ? null : new SourceChoice(chosen.getKey(), chosen.getValue(), captions, split, sourceName);
        return new IngestCommand(choice, rate, limit, service.load(environment), service.printConfig());
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        if (printConfig) {
            config.describe().forEach(out::println);
            return 0;
        }
        PairSource source;
        try {
            source = open(choice);
        } catch (IOException e) {
            err.println("pairstream ingest: cannot read the source: " + e.getMessage());
            return 1;
        }
        String topic = CurationConfig.of(config.settings()).topics().rawPairs();
        if (config.embedded()) {
            err.println("No kafka.bootstrap.servers set: using the embedded broker and registry in "
                    + ServiceSettings.of(config.settings()).embeddedDataDirectory().toAbsolutePath());
        }
        try (PlatformConnection platform = PlatformConnection.open(config)) {
            ServiceConfig connected = platform.config();
            ensureTopics(connected);
            try (Producer<String, ImageTextPair> producer = producer(connected);
                 ProgressBar progress = new ProgressBar(err, "ingest", source.size() < 0 ? -1 : Math.min(source.size(), limit),
                         ProgressBar.stderrIsTerminal())) {
                Ingestor ingestor = new Ingestor(producer, topic, rate > 0 ? PairSources.rateLimit(rate) : null, limit, progress);
                IngestSummary summary;
                try {
                    summary = GracefulStop.during(ingestor::stop, () -> ingestor.run(source));
                } catch (IOException e) {
                    err.println("pairstream ingest: reading stopped: " + e.getMessage());
                    return 1;
                }
                summary.print(out, source.description(), topic);
                return summary.failed() > 0 ? 1 : 0;
            }
        }
    }

    private static PairSource open(SourceChoice choice) throws IOException {
        return switch (choice.kind()) {
            case "--folder" -> PairSources.captionedFolder(choice.path(), choice.captions(), choice.sourceName());
            case "--webdataset" -> PairSources.webDataset(choice.path(), choice.sourceName());
            case "--fashion-mnist" -> PairSources.fashionMnist(choice.path(), choice.split());
            case "--emoji" -> PairSources.emoji(choice.path());
            default -> throw new IllegalStateException("unhandled source " + choice.kind());
        };
    }

    private static void ensureTopics(ServiceConfig config) {
        TopicNames names = CurationConfig.of(config.settings()).topics();
        TopicLayout layout = ServiceSettings.of(config.settings()).topicLayout();
        try (Admin admin = Admin.create(config.kafka())) {
            new TopicProvisioner(admin).ensure(CurationTopics.specs(names, layout.partitions(), layout.replicationFactor()));
        }
    }

    private static Producer<String, ImageTextPair> producer(ServiceConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        AvroSerializer<ImageTextPair> values = new AvroSerializer<>();
        values.configure(config.registry(), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
