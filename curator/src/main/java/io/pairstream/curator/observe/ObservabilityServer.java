package io.pairstream.curator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP endpoint: {@code /metrics} in Prometheus text format and {@code /health}
 * (with {@code /health/live} and {@code /health/ready} for probes), answering 200 when healthy and
 * 503 when not. Binds to loopback unless told otherwise.
 */
public final class ObservabilityServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ObservabilityServer start(String host, int port, PrometheusMeterRegistry metrics, Supplier<Health> health) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "observability-http");
                t.setDaemon(true);
                return t;
            });
            server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
            server.createContext("/health", exchange -> health(exchange, health.get()));
            server.setExecutor(executor);
            server.start();
            ObservabilityServer started = new ObservabilityServer(server, executor);
            log.info("Metrics at {}/metrics, health at {}/health", started.url(), started.url());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind the metrics endpoint to " + host + ":" + port, e);
        }
    }

    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void health(HttpExchange exchange, Health health) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean ok = switch (path) {
            case "/health/live" -> health.live();
            case "/health/ready" -> health.ready();
            default -> health.live() && health.ready();
        };
        String body = "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"live\":" + health.live() + ",\"ready\":" + health.ready()
                + ",\"detail\":\"" + health.detail().replace("\"", "'") + "\"}";
        respond(exchange, ok ? 200 : 503, "application/json", body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
