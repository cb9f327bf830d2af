package io.pairstream.trainer.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.schemas.http.HttpEndpoint;
import java.util.Map;

/** Serves a Prometheus registry's meters as text on {@code /metrics}. */
public final class MetricsEndpoint implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpEndpoint endpoint;

    private MetricsEndpoint(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry) {
        return new MetricsEndpoint(HttpEndpoint.start("trainer-metrics", host, port, 1, Map.of(
                "/metrics", exchange -> HttpEndpoint.respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()))));
    }

    public String url() {
        return endpoint.url();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
