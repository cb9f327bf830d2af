package io.pairstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry client over the registry's REST API. Fails over between the configured
 * URLs, retries unreachable registries and server errors with exponential backoff, and turns
 * error responses into typed {@link SchemaRegistryException}s. No caching: wrap it in
 * {@link CachingSchemaRegistryClient}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final Optional<String> authorization;
    private final Duration readTimeout;
    private final int maxRetries;
    private final Duration retryWait;
    private final Duration retryMaxWait;
    private final HttpClient http;
    private volatile int preferredUrl;

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.urls = config.urls();
        this.authorization = config.basicAuthHeader();
        this.readTimeout = config.readTimeout();
        this.maxRetries = config.maxRetries();
        this.retryWait = config.retryWait();
        this.retryMaxWait = config.retryMaxWait();
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).get("id").asInt();
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public Schema getById(int id) {
        return SchemaRepository.parse(send("GET", "/schemas/ids/" + id, null).get("schema").asText());
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return ints(send("GET", "/subjects/" + encode(subject) + "/versions", null));
    }

    @Override
    public List<String> getSubjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                .get("is_compatible").asBoolean();
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        return CompatibilityLevel.parse(send("GET", path, null).get("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return ints(send("DELETE", "/subjects/" + encode(subject), null));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        Exception lastFailure = null;
        Duration wait = retryWait;
        for (int round = 0; round <= maxRetries; round++) {
            if (round > 0) {
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(retryMaxWait) > 0 ? retryMaxWait : wait.multipliedBy(2);
            }
            for (int i = 0; i < urls.size(); i++) {
                int index = (preferredUrl + i) % urls.size();
                URI url = urls.get(index);
                try {
                    HttpResponse<String> response = http.send(request(method, url, path, body), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() < 500) {
                        preferredUrl = index;
                        return parse(response, method, path);
                    }
                    lastFailure = error(response);
                } catch (IOException e) {
                    lastFailure = e;
                    log.debug("Schema Registry at {} did not answer {} {}: {}", url, method, path, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnavailableException("Interrupted while calling the Schema Registry at " + urls, e);
                }
            }
        }
        if (lastFailure instanceof SchemaRegistryException serverError) {
            throw serverError;
        }
        throw new RegistryUnavailableException("Schema Registry unreachable at " + urls + " after " + (maxRetries + 1)
                + " rounds (" + method + " " + path + "): " + lastFailure, lastFailure);
    }

    private HttpRequest request(String method, URI base, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(readTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    private static JsonNode parse(HttpResponse<String> response, String method, String path) {
        if (response.statusCode() >= 400) {
            throw error(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(response.statusCode(), 50000, "Unreadable Schema Registry response to " + method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static SchemaRegistryException error(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return SchemaRegistryException.of(response.statusCode(), node.path("error_code").asInt(response.statusCode()),
                    node.path("message").asText(response.body()));
        } catch (IOException notJson) {
            return SchemaRegistryException.of(response.statusCode(), response.statusCode(), response.body());
        }
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static RegisteredSchema registered(JsonNode node) {
        return new RegisteredSchema(node.get("subject").asText(), node.get("version").asInt(), node.get("id").asInt(),
                SchemaRepository.parse(node.get("schema").asText()));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry the Schema Registry", e);
        }
    }
}
