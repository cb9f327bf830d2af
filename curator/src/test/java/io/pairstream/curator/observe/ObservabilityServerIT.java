package io.pairstream.curator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.schemas.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint over a real Kafka Streams app on the embedded broker. */
class ObservabilityServerIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldReportStreamsMetricsAndHealthThatFollowsTheStreamsState() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("in", 1, (short) 1), new NewTopic("out", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in").to("out");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "observability-it");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
            props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                 KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
                 ObservabilityServer server = ObservabilityServer.start("127.0.0.1", 0, registry, new StreamsHealth(streams))) {
                streamsMetrics.bindTo(registry);

                HttpResponse<String> beforeStart = get(server.url() + "/health");
                assertEquals(503, beforeStart.statusCode(), beforeStart.body());
                assertEquals(200, get(server.url() + "/health/live").statusCode(), "a created app is live, not yet ready");

                streams.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.ERROR
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }

                HttpResponse<String> running = get(server.url() + "/health");
                assertEquals(200, running.statusCode(), running.body());
                assertTrue(running.body().contains("\"status\":\"UP\"") && running.body().contains("RUNNING"), running.body());
                HttpResponse<String> metrics = get(server.url() + "/metrics");
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                assertTrue(metrics.body().contains("kafka_stream_"), "Kafka Streams metrics are exported");

                streams.close(Duration.ofSeconds(30));
                assertEquals(503, get(server.url() + "/health/live").statusCode(), "a closed app is not live");
            }
        }
    }
}
