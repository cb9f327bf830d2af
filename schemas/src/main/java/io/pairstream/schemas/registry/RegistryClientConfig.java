package io.pairstream.schemas.registry;

import io.pairstream.schemas.config.ConfigValidation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** How to reach a Schema Registry: the same keys and meanings as Confluent's client. */
public final class RegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated Schema Registry URLs; requests fail over from one to the next. "
            + "mock://scope selects an in-memory registry shared by every client naming the same scope (for tests).";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where HTTP basic-auth credentials come from: URL (user:password@ in the URL) or USER_INFO (basic.auth.user.info).";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "user:password for HTTP basic auth when basic.auth.credentials.source is USER_INFO.";

    public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject";
    private static final String MAX_SCHEMAS_PER_SUBJECT_DOC = "Capacity of each client-side cache (schema to id, id to schema).";

    public static final String LATEST_CACHE_TTL_SEC_CONFIG = "latest.cache.ttl.sec";
    private static final String LATEST_CACHE_TTL_SEC_DOC = "How long the latest version of a subject is cached, in seconds.";

    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    private static final String HTTP_CONNECT_TIMEOUT_MS_DOC = "Timeout for connecting to a registry URL.";

    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    private static final String HTTP_READ_TIMEOUT_MS_DOC = "Timeout for one registry request.";

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    private static final String MAX_RETRIES_DOC = "Rounds over all registry URLs after the first, when none answers or all answer with a server error.";

    public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
    private static final String RETRIES_WAIT_MS_DOC = "Wait before the first retry round; doubled each round.";

    public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";
    private static final String RETRIES_MAX_WAIT_MS_DOC = "Longest wait between retry rounds.";

    /** The credential sources Confluent's client knows and this one supports. */
    public enum CredentialsSource { URL, USER_INFO }

    public static final ConfigDef CONFIG = define(new ConfigDef());

    public RegistryClientConfig(Map<String, ?> props) {
        super(CONFIG, props, false);
    }

    /** Adds the registry client keys to {@code def}, for configurations that embed a client. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, RegistryClientConfig::validateUrls, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
                .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, CredentialsSource.URL.name(),
                        ConfigDef.CaseInsensitiveValidString.in(CredentialsSource.URL.name(), CredentialsSource.USER_INFO.name()), Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
                .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
                .define(MAX_SCHEMAS_PER_SUBJECT_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW, MAX_SCHEMAS_PER_SUBJECT_DOC)
                .define(LATEST_CACHE_TTL_SEC_CONFIG, Type.LONG, 30L, ConfigDef.Range.atLeast(0), Importance.LOW, LATEST_CACHE_TTL_SEC_DOC)
                .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW, HTTP_CONNECT_TIMEOUT_MS_DOC)
                .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW, HTTP_READ_TIMEOUT_MS_DOC)
                .define(MAX_RETRIES_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
                .define(RETRIES_WAIT_MS_CONFIG, Type.LONG, 200L, ConfigDef.Range.atLeast(0), Importance.LOW, RETRIES_WAIT_MS_DOC)
                .define(RETRIES_MAX_WAIT_MS_CONFIG, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW, RETRIES_MAX_WAIT_MS_DOC);
    }

    /** Parses and validates, reporting every bad key at once. */
    public static RegistryClientConfig of(Map<String, ?> props) {
        ConfigValidation.requireValid(CONFIG, props, "Schema Registry client");
        RegistryClientConfig config = new RegistryClientConfig(props);
        config.basicAuthHeader();
        return config;
    }

    /** Registry base URIs, with any user info removed (it becomes the basic-auth header). */
    public List<URI> urls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream().map(String::trim).map(RegistryClientConfig::withoutUserInfo).toList();
    }

    /** The raw URLs as configured, for {@code mock://} detection. */
    public List<String> rawUrls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream().map(String::trim).toList();
    }

    /** The value of an {@code Authorization} header, if credentials are configured. */
    public Optional<String> basicAuthHeader() {
        CredentialsSource source = CredentialsSource.valueOf(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG).toUpperCase());
        String userInfo = switch (source) {
            case USER_INFO -> {
                String value = getPassword(BASIC_AUTH_USER_INFO_CONFIG).value();
                if (value.isEmpty() || !value.contains(":")) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO_CONFIG + " must be user:password when "
                            + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + " is USER_INFO");
                }
                yield value;
            }
            case URL -> rawUrls().stream().map(u -> URI.create(u).getRawUserInfo()).filter(u -> u != null && !u.isEmpty()).findFirst().orElse(null);
        };
        return Optional.ofNullable(userInfo)
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    public int cacheCapacity() {
        return getInt(MAX_SCHEMAS_PER_SUBJECT_CONFIG);
    }

    public Duration latestCacheTtl() {
        return Duration.ofSeconds(getLong(LATEST_CACHE_TTL_SEC_CONFIG));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG));
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES_CONFIG);
    }

    public Duration retryWait() {
        return Duration.ofMillis(getLong(RETRIES_WAIT_MS_CONFIG));
    }

    public Duration retryMaxWait() {
        return Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS_CONFIG));
    }

    private static void validateUrls(String name, Object value) {
        List<?> urls = (List<?>) value;
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException(name, value, "at least one registry URL is required");
        }
        for (Object url : urls) {
            String text = String.valueOf(url).trim();
            if (!text.matches("(?i)(https?|mock)://.+")) {
                throw new ConfigException(name, text, "a registry URL must start with http://, https:// or mock://");
            }
        }
    }

    private static URI withoutUserInfo(String url) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }
}
