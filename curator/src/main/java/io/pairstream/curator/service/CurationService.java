package io.pairstream.curator.service;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.curator.config.TopicLayout;
import io.pairstream.curator.dashboard.Dashboard;
import io.pairstream.curator.dashboard.QualityFeed;
import io.pairstream.curator.dashboard.QualityGauges;
import io.pairstream.curator.observe.ObservabilityServer;
import io.pairstream.curator.observe.StreamsHealth;
import io.pairstream.curator.pipeline.CurationPipeline;
import io.pairstream.curator.topics.CurationTopics;
import io.pairstream.curator.topics.TopicProvisioner;
import io.pairstream.schemas.registry.SchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryClients;
import io.pairstream.topology.config.CurationConfig;
import io.pairstream.topology.model.ClipModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@code run} and {@code demo} run: the topics checked or created, the curation pipeline, and
 * the observability endpoint with its dashboard fed from the output topics. Closed in reverse:
 * endpoint, feed, metrics, pipeline. The model and the platform belong to the caller, which closes
 * them after this.
 */
public final class CurationService implements AutoCloseable {

    private final CurationPipeline pipeline;
    private final KafkaStreamsMetrics streamsMetrics;
    private final SchemaRegistryClient registry;
    private final QualityFeed feed;
    private final ObservabilityServer server;

    private CurationService(CurationPipeline pipeline, KafkaStreamsMetrics streamsMetrics, SchemaRegistryClient registry,
                            QualityFeed feed, ObservabilityServer server) {
        this.pipeline = pipeline;
        this.streamsMetrics = streamsMetrics;
        this.registry = registry;
        this.feed = feed;
        this.server = server;
    }

    /** Starts everything on {@code config}, which must name the Kafka and registry in use. */
    public static CurationService start(ServiceConfig config, ClipModel model) {
        CurationConfig curation = CurationConfig.of(config.settings());
        ServiceSettings service = ServiceSettings.of(config.settings());
        ensureTopics(config);
        Map<String, Object> kafka = new HashMap<>(config.kafka());
        kafka.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) service.topicLayout().replicationFactor());
        CurationPipeline pipeline = CurationPipeline.start(
                CurationPipeline.streamsProperties(service.stateDirectory(), kafka), curation, model, config.registry());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(pipeline.streams());
        streamsMetrics.bindTo(metrics);
        SchemaRegistryClient registry = SchemaRegistryClients.create(config.registry());
        QualityFeed feed = QualityFeed.start(config.kafka(), registry, curation.topics().qualityMetrics(),
                curation.topics().positivePairs(), service.feed());
        QualityGauges.bind(metrics, feed);
        ObservabilityServer server = ObservabilityServer.start(service.http().host(), service.http().port(), metrics,
                new StreamsHealth(pipeline.streams()), Dashboard.routes(feed));
        return new CurationService(pipeline, streamsMetrics, registry, feed, server);
    }

    /** Creates the data-flow topics that are missing and checks the others, naming every mismatch. */
    public static List<String> ensureTopics(ServiceConfig config) {
        TopicLayout layout = ServiceSettings.of(config.settings()).topicLayout();
        try (Admin admin = Admin.create(config.kafka())) {
            return new TopicProvisioner(admin).ensure(CurationTopics.specs(CurationConfig.of(config.settings()).topics(),
                    layout.partitions(), layout.replicationFactor()));
        }
    }

    public CurationPipeline pipeline() {
        return pipeline;
    }

    public QualityFeed feed() {
        return feed;
    }

    /** The dashboard and metrics endpoint, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
        feed.close();
        streamsMetrics.close();
        pipeline.close();
        registry.close();
    }
}
