package io.pairstream.curator.cli;

import io.pairstream.curator.embedded.EmbeddedPlatform;
import io.pairstream.schemas.Topic;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.pairstream.curator.topics.CurationTopics;
import io.pairstream.curator.topics.TopicProvisioner;
import io.pairstream.topology.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code demo}: the embedded default end to end. For now it brings up the embedded broker and
 * registry, creates the data-flow topics and registers their schemas; the curation topology is
 * wired in by the topology issue.
 */
final class DemoCommand implements PairstreamCli.Command {

    private static final String HELP = """
            usage: ./pairstream demo [--data-dir DIR]

            Starts an embedded Kafka broker and Schema Registry on loopback, creates pairstream's topics
            and registers their Avro schemas, then runs the curation pipeline on the bundled sample.

              --data-dir DIR   where the embedded broker keeps its data (default: target/demo under the
                               current directory); reusing it resumes from what is there
            """;

    private final Path dataDirectory;

    private DemoCommand(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    static DemoCommand parse(List<String> args) {
        Path dataDirectory = Path.of("target", "demo");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--help", "-h" -> throw new PairstreamCli.UsageException("\n" + HELP);
                case "--data-dir" -> {
                    if (i + 1 >= args.size()) {
                        throw new PairstreamCli.UsageException("--data-dir needs a directory\n\n" + HELP);
                    }
                    dataDirectory = Path.of(args.get(++i));
                }
                default -> throw new PairstreamCli.UsageException("unknown option '" + args.get(i) + "'\n\n" + HELP);
            }
        }
        return new DemoCommand(dataDirectory);
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        out.println("Starting the embedded Kafka broker and Schema Registry in " + dataDirectory.toAbsolutePath() + " ...");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(dataDirectory);
             SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", platform.schemaRegistryUrl()))) {
            out.println("Kafka broker:    " + platform.bootstrapServers());
            out.println("Schema Registry: " + platform.schemaRegistryUrl());
            List<String> created = createTopics(platform.bootstrapServers());
            out.println("Topics created:  " + (created.isEmpty() ? "none (all present and as required)" : String.join(", ", created)));
            out.println();
            out.printf("%-18s %-28s %s%n", "topic", "subject", "schema id");
            for (Topic topic : Topic.values()) {
                String subject = topic.defaultName() + "-value";
                out.printf("%-18s %-28s %d%n", topic.defaultName(), subject, registry.register(subject, topic.valueSchema()));
            }
            out.println();
            out.println("No curation pipeline yet: the topology is not wired in, so nothing is streamed. Stopping.");
            return 0;
        }
    }

    private static List<String> createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return new TopicProvisioner(admin).ensure(CurationTopics.specs(TopicNames.defaults(), 1, (short) 1));
        }
    }
}
