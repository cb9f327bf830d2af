package io.pairstream.curator.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Where the observability endpoint (metrics, health, dashboard) listens. */
public record HttpSettings(String host, int port) {

    public static final String HOST_CONFIG = "http.host";
    public static final String PORT_CONFIG = "http.port";

    static ConfigDef define(ConfigDef def) {
        return def
                .define(HOST_CONFIG, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                        "Interface the metrics, health and dashboard endpoint binds to; loopback by default so nothing is exposed unasked.")
                .define(PORT_CONFIG, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
                        "Port of the metrics, health and dashboard endpoint; 0 picks a free one.");
    }

    static HttpSettings from(AbstractConfig config) {
        return new HttpSettings(config.getString(HOST_CONFIG), config.getInt(PORT_CONFIG));
    }
}
