package io.pairstream.curator.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the topics a service needs exist as it needs them: creates the missing ones, and checks the
 * existing ones, failing with every mismatch named (a compacted topic where records sharing a key
 * must all be kept, fewer partitions or replicas than required) rather than misbehaving later.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** Creates missing topics and verifies existing ones; returns the names it created. */
    public List<String> ensure(Collection<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();
            List<String> mismatches = present.isEmpty() ? List.of() : mismatches(present);
            if (!mismatches.isEmpty()) {
                throw new TopicMismatchException(mismatches);
            }
            create(missing);
            return missing.stream().map(TopicSpec::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a topic operation: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer topic requests within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up topics", e);
        }
    }

    private void create(List<TopicSpec> missing) throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> topics = missing.stream()
                .map(s -> new NewTopic(s.name(), s.partitions(), s.replicationFactor()).configs(s.configs()))
                .toList();
        try {
            admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance may have created it in between; what exists is checked on the next start.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        log.info("Created topics {}", missing.stream().map(TopicSpec::name).toList());
    }

    private List<String> mismatches(List<TopicSpec> present) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                        .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : present) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions < spec.partitions()) {
                mismatches.add(spec.name() + ": " + partitions + " partitions, fewer than the " + spec.partitions() + " configured");
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas < spec.replicationFactor()) {
                mismatches.add(spec.name() + ": replication factor " + replicas + ", lower than the " + spec.replicationFactor() + " configured");
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!expected.equals(value)) {
                    mismatches.add(spec.name() + ": " + key + "=" + value + ", expected " + expected);
                }
            });
        }
        return mismatches;
    }
}
