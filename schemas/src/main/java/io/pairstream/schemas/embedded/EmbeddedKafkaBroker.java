package io.pairstream.schemas.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker and controller) running in a child JVM.
 *
 * <p>A child process keeps a broker fault (a halt on a storage error, an out-of-memory) from taking
 * the caller down, and keeps the broker's heap apart from the application's. The child exits when
 * its parent does. Data lives under the given directory and survives a restart: the cluster id is
 * read back from the formatted log directory.
 *
 * <p>The Kafka server classes must be on the caller's run-time class path (the child JVM inherits
 * it): {@code org.apache.kafka:kafka_2.13} and {@code kafka-server}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String META_PROPERTIES = "meta.properties";

    private final Path dataDirectory;
    private final Process process;
    private final String bootstrapServers;
    private volatile boolean closing;

    private EmbeddedKafkaBroker(Path dataDirectory, Process process, String bootstrapServers) {
        this.dataDirectory = dataDirectory;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker with default settings, storing its data under {@code dataDirectory}. */
    public static EmbeddedKafkaBroker start(Path dataDirectory) {
        return builder(dataDirectory).start();
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** {@code host:port} of the broker's listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Process id of the broker's JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the child's exit code when the broker process ends, whether by {@link #close()} or by a fault. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether the broker ended without {@link #close()} having been called. */
    public boolean exitedUnexpectedly() {
        return !closing && !process.isAlive();
    }

    /** Path of the broker's log file (its stdout and stderr). */
    public Path logFile() {
        return dataDirectory.resolve("broker.log");
    }

    /** Stops the broker with a controlled shutdown, forcibly after 30 s. Idempotent. */
    @Override
    public void close() {
        closing = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Embedded broker did not stop within 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Options of an embedded broker; every option has a default suited to a single-node embedded run. */
    public static final class Builder {
        private final Path dataDirectory;
        private int port;
        private String maxHeap = "768m";
        private Duration startTimeout = Duration.ofSeconds(90);
        private final Properties overrides = new Properties();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory cannot be null").toAbsolutePath();
        }

        /** Listener port; 0 (the default) picks a free one. */
        public Builder optPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Maximum heap of the broker JVM, in {@code -Xmx} syntax; default 768m. */
        public Builder optMaxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap cannot be null");
            return this;
        }

        public Builder optStartTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout cannot be null");
            return this;
        }

        /** A broker property that replaces the embedded default, e.g. {@code num.partitions}. */
        public Builder optBrokerProperty(String name, String value) {
            overrides.setProperty(Objects.requireNonNull(name, "name cannot be null"), Objects.requireNonNull(value, "value cannot be null"));
            return this;
        }

        /** Formats the log directory if new, starts the child JVM and waits until the broker answers. */
        public EmbeddedKafkaBroker start() {
            try {
                Files.createDirectories(dataDirectory);
                Path logDir = dataDirectory.resolve("kraft-logs");
                int brokerPort = port == 0 ? freePort() : port;
                int controllerPort = freePort();
                Properties props = serverProperties(logDir, brokerPort, controllerPort);
                Path propertiesFile = dataDirectory.resolve("server.properties");
                try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
                    props.store(out, "written by pairstream's EmbeddedKafkaBroker; rewritten on every start");
                }
                String clusterId = existingClusterId(logDir);
                Process process = launch(propertiesFile, clusterId);
                String bootstrap = "127.0.0.1:" + brokerPort;
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDirectory, process, bootstrap);
                awaitReady(broker);
                log.info("Embedded Kafka broker ready at {} (pid {}, data in {})", bootstrap, process.pid(), dataDirectory);
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Kafka broker in " + dataDirectory, e);
            }
        }

        private Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
            Properties p = new Properties();
            p.setProperty("process.roles", "broker,controller");
            p.setProperty("node.id", "1");
            p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.setProperty("controller.listener.names", "CONTROLLER");
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
            p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.setProperty("log.dirs", logDir.toString());
            // One broker: every internal topic must have replication factor 1 or clients wait forever.
            p.setProperty("offsets.topic.replication.factor", "1");
            p.setProperty("offsets.topic.num.partitions", "4");
            p.setProperty("transaction.state.log.replication.factor", "1");
            p.setProperty("transaction.state.log.min.isr", "1");
            p.setProperty("transaction.state.log.num.partitions", "4");
            p.setProperty("share.coordinator.state.topic.replication.factor", "1");
            p.setProperty("share.coordinator.state.topic.min.isr", "1");
            p.setProperty("group.initial.rebalance.delay.ms", "0");
            // The 128 MiB default dedupe buffer would not fit a small embedded heap.
            p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
            p.setProperty("num.partitions", "1");
            p.putAll(overrides);
            return p;
        }

        private Process launch(Path propertiesFile, String clusterId) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + maxHeap);
            command.add("-XX:+UseG1GC");
            command.add("-Djava.awt.headless=true");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BrokerProcessMain.class.getName());
            command.add(propertiesFile.toString());
            command.add(clusterId);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolve("broker.log").toFile()));
            // The child must not pick up the parent's logging configuration meant for the parent's console.
            Map<String, String> env = builder.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            return builder.start();
        }

        private void awaitReady(EmbeddedKafkaBroker broker) {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            awaitListening(broker, deadline);
            Properties adminProps = new Properties();
            adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            adminProps.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            adminProps.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
            try (Admin admin = Admin.create(adminProps)) {
                while (true) {
                    if (!broker.process.isAlive()) {
                        throw new IllegalStateException("The embedded Kafka broker exited with status " + broker.process.exitValue()
                                + " during start-up; its log:\n" + tail(broker.logFile()));
                    }
                    try {
                        if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        if (System.nanoTime() > deadline) {
                            broker.close();
                            throw new IllegalStateException("The embedded Kafka broker at " + broker.bootstrapServers()
                                    + " did not become ready within " + startTimeout + "; its log:\n" + tail(broker.logFile()), e);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broker.close();
                throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
            }
        }
    }

    /** Waits for the listener socket first, so the admin client does not log a warning per refused connection. */
    private static void awaitListening(EmbeddedKafkaBroker broker, long deadline) {
        int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        while (System.nanoTime() < deadline && broker.process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                sleepQuietly(100);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reuses the cluster id of an already formatted log directory: formatting it with a new one fails. */
    static String existingClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            }
            String id = props.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e.getMessage() + ")";
        }
    }
}
