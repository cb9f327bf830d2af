package io.pairstream.curator.cli;

import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.cpu.ModelPlacement;
import io.pairstream.curator.embedded.PlatformConnection;
import io.pairstream.curator.model.InputLimits;
import io.pairstream.curator.model.MiniClip;
import io.pairstream.curator.model.OnnxClip;
import io.pairstream.curator.service.CurationService;
import io.pairstream.topology.model.ClipModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code run}: the production mode. The curation pipeline, its topics and the observability
 * endpoint against the configured Kafka and Schema Registry (or the embedded ones when none is
 * configured), until stopped. Closing order on Ctrl-C or SIGTERM: endpoint and pipeline, model,
 * then (embedded only) registry and broker.
 */
final class RunCommand implements PairstreamCli.Command {

    static final String HELP = """
            usage: ./pairstream run [--model DIR] [configuration]

            Runs the curation pipeline (exactly-once Kafka Streams) until stopped: reads pairs.raw, writes
            pairs.positive, pairs.rejected, pairs.dlq and curation.metrics, creating missing topics and
            checking existing ones. Serves /metrics, /health and the dashboard on http.host:http.port.
            Without kafka.bootstrap.servers it runs on the embedded broker and registry in embedded.data.dir.

              --model DIR    an ONNX CLIP export (visual.onnx, textual.onnx, tokenizer.json; see
                             curator/README.md) instead of the bundled pairstream-mini-clip

            %s
            examples:
              ./pairstream run --config prod.properties
              ./pairstream run --bootstrap-server kafka:9092 --schema-registry http://registry:8081 \\
                  --set kafka.security.protocol=SASL_SSL --set kafka.sasl.mechanism=PLAIN \\
                  --set streams.state.dir=/var/lib/pairstream
              PAIRSTREAM_KAFKA_SASL_JAAS_CONFIG='...' ./pairstream run --config prod.properties
            """.formatted(ServiceOptions.HELP);

    private final ServiceConfig config;
    private final boolean printConfig;
    private final Path modelDirectory;
    private final CountDownLatch stop = new CountDownLatch(1);

    private RunCommand(ServiceConfig config, boolean printConfig, Path modelDirectory) {
        this.config = config;
        this.printConfig = printConfig;
        this.modelDirectory = modelDirectory;
    }

    static RunCommand parse(List<String> argList, Map<String, String> environment) {
        Arguments args = new Arguments(argList, HELP);
        ServiceOptions service = new ServiceOptions();
        Path model = null;
        while (args.hasNext()) {
            String flag = args.nextFlag();
            if (flag.equals("--model")) {
                model = args.path(flag);
            } else if (!service.accept(flag, args)) {
                throw args.unknown(flag);
            }
        }
        return new RunCommand(service.load(environment), service.printConfig(), model);
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        if (printConfig) {
            config.describe().forEach(out::println);
            return 0;
        }
        out.println("Configuration (secrets hidden):");
        config.describe().forEach(line -> out.println("  " + line));
        if (config.embedded()) {
            out.println("No kafka.bootstrap.servers set: using the embedded broker and registry in "
                    + ServiceSettings.of(config.settings()).embeddedDataDirectory().toAbsolutePath());
        }
        try {
            return GracefulStop.during(stop::countDown, () -> serve(out, err));
        } catch (IOException e) {
            err.println("pairstream run: cannot load the model: " + e.getMessage());
            return 1;
        }
    }

    private ClipModel loadModel() {
        ServiceSettings settings = ServiceSettings.of(config.settings());
        int threads = settings.modelThreads();
        return ModelPlacement.load(settings.modelDedicatedCores(), settings.modelOthersNice(), threads, () -> modelDirectory == null
                ? MiniClip.load(InputLimits.DEFAULT, threads) : OnnxClip.load(modelDirectory, InputLimits.DEFAULT, threads));
    }

    private int serve(PrintStream out, PrintStream err) throws IOException {
        try (PlatformConnection platform = PlatformConnection.open(config);
             ClipModel model = loadModel();
             CurationService service = CurationService.start(platform.config(), model)) {
            out.println("Model " + model.version() + "; dashboard " + service.url() + "/ ; Ctrl-C stops.");
            while (!awaitStop()) {
                if (platform.brokerFailed()) {
                    err.println("pairstream run: the embedded Kafka broker stopped unexpectedly; stopping (see its log).");
                    return 1;
                }
                if (!service.pipeline().isRunning()) {
                    err.println("pairstream run: the curation pipeline stopped (" + service.pipeline().streams().state()
                            + "); see the log for the error.");
                    return 1;
                }
            }
            out.println("Stopping: closing the pipeline, then the model" + (config.embedded() ? ", the registry and the broker." : "."));
            return 0;
        }
    }

    /** Waits a second for a stop request; an interrupt counts as one. */
    private boolean awaitStop() {
        try {
            return stop.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
