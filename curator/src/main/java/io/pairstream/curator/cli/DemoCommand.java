package io.pairstream.curator.cli;

import io.pairstream.curator.config.ConfigSource;
import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.demo.DemoRun;
import io.pairstream.topology.config.QualitySettings;
import io.pairstream.topology.config.SelectionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code demo}: the embedded default end to end: broker, registry, the curation pipeline with the
 * mini-CLIP, the bundled real sample streamed through it, a summary and a report.
 */
final class DemoCommand implements PairstreamCli.Command {

    static final String HELP = """
            usage: ./pairstream demo [--data-dir DIR] [--fashion-mnist DIR] [--emoji DIR] [--mismatch F]
                                     [--limit N] [--timeout SECONDS] [--keep-running] [configuration]

            Starts an embedded Kafka broker and Schema Registry on loopback, the curation pipeline with the
            bundled mini-CLIP, and the dashboard; streams the bundled real sample (1,000 Fashion-MNIST test
            images with captions, 5%% of them deliberately mismatched, and 340 Noto emoji named by their
            CLDR names) into pairs.raw; shows progress; then prints a pair-quality summary and writes a
            report (HTML, a PNG grid of sample pairs, PNG charts of the quality windows). Ctrl-C ends it
            cleanly at any time.

              --data-dir DIR       embedded broker data, Streams state and the report (default: target/demo);
                                   reusing it resumes from what is there. Same as --set embedded.data.dir=DIR
              --fashion-mnist DIR  stream this Fashion-MNIST test split instead (e.g. /usr/share/datasets/fashion-mnist)
              --emoji DIR          stream this emoji-datasource-google package instead
              --mismatch F         fraction of Fashion-MNIST captions swapped for another class's (default 0.05)
              --limit N            stream at most N pairs of each data set
              --timeout SECONDS    give up waiting for the pipeline after this long (default 900)
              --keep-running       after the summary, keep the pipeline and dashboard up until Ctrl-C

            %s
            examples:
              ./pairstream demo
              ./pairstream demo --fashion-mnist /usr/share/datasets/fashion-mnist --emoji /tmp/package --keep-running
              ./pairstream demo --set http.port=9090 --set select.strategies=text
            """.formatted(ServiceOptions.HELP);

    /** The demo shows its windows live: shorter than the service default; and every strategy. */
    private static final Map<String, String> DEMO_DEFAULTS = Map.of(
            QualitySettings.WINDOW_MS_CONFIG, "2000",
            SelectionSettings.STRATEGIES_CONFIG, "text,image,fused");

    private final ServiceConfig config;
    private final boolean printConfig;
    private final DemoRun demo;

    private DemoCommand(ServiceConfig config, boolean printConfig, DemoRun demo) {
        this.config = config;
        this.printConfig = printConfig;
        this.demo = demo;
    }

    static DemoCommand parse(List<String> argList, Map<String, String> environment) {
        Arguments args = new Arguments(argList, HELP);
        ServiceOptions service = new ServiceOptions();
        Path fashion = null;
        Path emoji = null;
        double mismatch = 0.05;
        long limit = Integer.MAX_VALUE;
        long timeoutSeconds = 900;
        boolean keepRunning = false;
        while (args.hasNext()) {
            String flag = args.nextFlag();
            switch (flag) {
                case "--data-dir" -> service.set(ServiceSettings.EMBEDDED_DATA_DIR_CONFIG, args.path(flag).toString());
                case "--fashion-mnist" -> fashion = args.path(flag);
                case "--emoji" -> emoji = args.path(flag);
                case "--mismatch" -> mismatch = args.fraction(flag);
                case "--limit" -> limit = args.longValue(flag, 1);
                case "--timeout" -> timeoutSeconds = args.longValue(flag, 1);
                case "--keep-running" -> keepRunning = true;
                default -> {
                    if (!service.accept(flag, args)) {
                        throw args.unknown(flag);
                    }
                }
            }
        }
        ServiceConfig config = service.load(environment, ConfigSource.commandDefaults("demo", DEMO_DEFAULTS));
        if (!config.embedded()) {
            throw args.problem("the demo runs on the embedded broker and registry; use 'run' with kafka.bootstrap.servers");
        }
        return new DemoCommand(config, service.printConfig(),
                new DemoRun(config, fashion, emoji, mismatch, (int) Math.min(limit, Integer.MAX_VALUE),
                        Duration.ofSeconds(timeoutSeconds), keepRunning));
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        if (printConfig) {
            config.describe().forEach(out::println);
            return 0;
        }
        try {
            return GracefulStop.during(demo::stop, () -> demo.run(out, err));
        } catch (IOException e) {
            err.println("pairstream demo: " + e.getMessage());
            return 1;
        }
    }
}
