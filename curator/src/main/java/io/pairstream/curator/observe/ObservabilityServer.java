package io.pairstream.curator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.schemas.http.HttpEndpoint;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP endpoint: {@code /metrics} in Prometheus text format and {@code /health}
 * (with {@code /health/live} and {@code /health/ready} for probes), answering 200 when healthy and
 * 503 when not, plus any further routes such as the dashboard. Binds to loopback unless told otherwise.
 */
public final class ObservabilityServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpEndpoint endpoint;

    private ObservabilityServer(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public static ObservabilityServer start(String host, int port, PrometheusMeterRegistry metrics, Supplier<Health> health) {
        return start(host, port, metrics, health, Map.of());
    }

    /** The same, also serving {@code routes} (such as the dashboard's, {@code Dashboard.routes(feed)}). */
    public static ObservabilityServer start(String host, int port, PrometheusMeterRegistry metrics, Supplier<Health> health,
                                            Map<String, HttpHandler> routes) {
        Map<String, HttpHandler> contexts = new HashMap<>(routes);
        contexts.put("/metrics", exchange -> HttpEndpoint.respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
        contexts.put("/health", exchange -> health(exchange, health.get()));
        HttpEndpoint endpoint = HttpEndpoint.start("observability", host, port, 2, contexts);
        log.info("Metrics at {}/metrics, health at {}/health{}", endpoint.url(), endpoint.url(),
                routes.containsKey("/") ? ", dashboard at " + endpoint.url() + "/" : "");
        return new ObservabilityServer(endpoint);
    }

    public String url() {
        return endpoint.url();
    }

    @Override
    public void close() {
        endpoint.close();
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
        HttpEndpoint.respond(exchange, ok ? 200 : 503, "application/json", body);
    }
}
