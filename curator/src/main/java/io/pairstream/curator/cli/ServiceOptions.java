package io.pairstream.curator.cli;

import io.pairstream.curator.config.ConfigSource;
import io.pairstream.curator.config.ServiceConfig;
import io.pairstream.curator.config.ServiceSettings;
import io.pairstream.topology.config.CurationConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration flags every service command shares, and the layered {@link ServiceConfig}
 * they produce together with the environment.
 */
final class ServiceOptions {

    /** Every definition pairstream's own keys are validated against; a component with settings adds its {@code ConfigDef} here. */
    static final List<ConfigDef> DEFINITIONS = List.of(ServiceSettings.CONFIG, CurationConfig.CONFIG);

    static final String HELP = """
            configuration (later wins: file < PAIRSTREAM_… environment variables < flags):
              --config FILE              a properties file
              --set KEY=VALUE            one setting; repeatable. kafka.* keys go to the Kafka clients,
                                         schema.registry.* to the registry client (e.g. kafka.sasl.jaas.config,
                                         schema.registry.basic.auth.user.info); PAIRSTREAM_TOPIC_PAIRS_RAW sets topic.pairs.raw
              --bootstrap-server HOSTS   same as --set kafka.bootstrap.servers=HOSTS
              --schema-registry URL      same as --set schema.registry.url=URL
                                         (without both, the embedded broker and registry in embedded.data.dir are used)
              --print-config             print the effective configuration, secrets hidden, and exit
            """;

    private Path file;
    private final Map<String, String> flags = new LinkedHashMap<>();
    private boolean printConfig;

    /** Consumes {@code flag} (and its value) if it is a configuration flag; false if it is not one. */
    boolean accept(String flag, Arguments args) {
        switch (flag) {
            case "--config" -> file = args.path(flag);
            case "--set" -> {
                String setting = args.value(flag);
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw args.problem("--set needs KEY=VALUE, not '" + setting + "'");
                }
                flags.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
            case "--bootstrap-server" -> flags.put(ServiceConfig.BOOTSTRAP_SERVERS, args.value(flag));
            case "--schema-registry" -> flags.put(ServiceConfig.REGISTRY_URL, args.value(flag));
            case "--print-config" -> printConfig = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    boolean printConfig() {
        return printConfig;
    }

    /** The validated configuration; every bad key becomes one line of the usage error. */
    ServiceConfig load(Map<String, String> environment) {
        try {
            List<ConfigSource> sources = new ArrayList<>();
            if (file != null) {
                sources.add(ConfigSource.file(file));
            }
            sources.add(ConfigSource.environment(environment));
            sources.add(ConfigSource.flags(flags));
            return ServiceConfig.load(sources, DEFINITIONS);
        } catch (ConfigException | UncheckedIOException e) {
            throw new PairstreamCli.UsageException(e.getMessage());
        }
    }
}
