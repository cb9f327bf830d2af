package io.pairstream.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.pairstream.schemas.http.HttpEndpoint;
import io.pairstream.schemas.registry.CompatibilityLevel;
import io.pairstream.schemas.registry.InvalidSchemaException;
import io.pairstream.schemas.registry.InvalidVersionException;
import io.pairstream.schemas.registry.RegisteredSchema;
import io.pairstream.schemas.registry.RestSchemaRegistryClient;
import io.pairstream.schemas.registry.SchemaRegistryException;
import io.pairstream.schemas.registry.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry server speaking the subset of Confluent's REST API that serdes and tools use
 * (subjects, versions, ids, compatibility checks and configuration), for Avro schemas, with the
 * same status codes, error codes and JSON shapes. State lives in a {@link SchemaRepository}; with
 * {@link #startOnKafka} it is journaled to a compacted Kafka topic and survives restarts.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "([^/]+)";
    private static final String VERSION = "([^/]+)";

    private final SchemaRepository repository;
    private HttpEndpoint endpoint;
    private final List<Route> routes;

    private EmbeddedSchemaRegistry(SchemaRepository repository) {
        this.repository = repository;
        this.routes = List.of(
                new Route("GET", "/", m -> JSON.createObjectNode()),
                new Route("GET", "/schemas/types", m -> JSON.createArrayNode().add("AVRO")),
                new Route("GET", "/schemas/ids/(\\d+)", (m, b) -> JSON.createObjectNode().put("schema", repository.getById(Integer.parseInt(m.group(1))).toString())),
                new Route("GET", "/subjects", m -> strings(repository.getSubjects())),
                new Route("GET", "/subjects/" + SUBJECT + "/versions", m -> ints(repository.getVersions(subject(m)))),
                new Route("POST", "/subjects/" + SUBJECT + "/versions", (m, b) -> JSON.createObjectNode().put("id", repository.register(subject(m), schema(b)))),
                new Route("POST", "/subjects/" + SUBJECT, (m, b) -> registered(repository.lookup(subject(m), schema(b)))),
                new Route("DELETE", "/subjects/" + SUBJECT, m -> ints(repository.deleteSubject(subject(m)))),
                new Route("GET", "/subjects/" + SUBJECT + "/versions/" + VERSION, m -> registered(version(m))),
                new Route("DELETE", "/subjects/" + SUBJECT + "/versions/" + VERSION, m -> JSON.getNodeFactory().numberNode(
                        repository.deleteVersion(subject(m), isLatest(m.group(2)) ? -1 : parseVersion(m.group(2))))),
                new Route("GET", "/subjects/" + SUBJECT + "/versions/" + VERSION + "/schema", m -> readTree(version(m).schema().toString())),
                new Route("POST", "/compatibility/subjects/" + SUBJECT + "/versions/" + VERSION, this::checkCompatibility),
                new Route("GET", "/config", m -> level("compatibilityLevel", repository.getCompatibility(null))),
                new Route("PUT", "/config", (m, b) -> setLevel(null, b)),
                new Route("GET", "/config/" + SUBJECT, this::subjectLevel),
                new Route("PUT", "/config/" + SUBJECT, (m, b) -> setLevel(subject(m), b)));
    }

    /** Serves {@code repository} on {@code host:port} (port 0 picks a free one). */
    public static EmbeddedSchemaRegistry start(SchemaRepository repository, String host, int port) {
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(repository);
        registry.endpoint = HttpEndpoint.start("schema-registry", host, port, 4, Map.of("/", registry::handle));
        log.info("Embedded Schema Registry listening at {}", registry.url());
        return registry;
    }

    /** Serves a registry journaled to {@code topic} on the Kafka cluster that {@code kafkaClientProps} reach. */
    public static EmbeddedSchemaRegistry startOnKafka(Map<String, Object> kafkaClientProps, String topic, short replicationFactor, String host, int port) {
        KafkaSchemaJournal journal = new KafkaSchemaJournal(kafkaClientProps, topic, replicationFactor);
        try {
            return start(new SchemaRepository(journal), host, port);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The base URL, for {@code schema.registry.url}. */
    public String url() {
        return endpoint.url();
    }

    public SchemaRepository repository() {
        return repository;
    }

    @Override
    public void close() {
        endpoint.close();
        repository.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath().length() > 1 && uri.getRawPath().endsWith("/")
                    ? uri.getRawPath().substring(0, uri.getRawPath().length() - 1) : uri.getRawPath();
            boolean pathKnown = false;
            for (Route route : routes) {
                Matcher matcher = route.pattern.matcher(path);
                if (!matcher.matches()) {
                    continue;
                }
                pathKnown = true;
                if (route.method.equals(exchange.getRequestMethod())) {
                    respond(exchange, route, matcher, uri.getRawQuery());
                    return;
                }
            }
            error(exchange, pathKnown ? 405 : 404, pathKnown ? 405 : 404, pathKnown ? "HTTP 405 Method Not Allowed" : "HTTP 404 Not Found");
        }
    }

    private void respond(HttpExchange exchange, Route route, Matcher matcher, String query) throws IOException {
        try {
            JsonNode body = readBody(exchange.getRequestBody());
            send(exchange, 200, route.handler.handle(new Request(matcher, query), body));
        } catch (SchemaRegistryException e) {
            error(exchange, e.httpStatus(), e.errorCode(), e.registryMessage());
        } catch (RuntimeException e) {
            log.error("Schema Registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            error(exchange, 500, 50001, "Error in the backend data store: " + e.getMessage());
        }
    }

    private JsonNode checkCompatibility(Request m, JsonNode body) {
        Schema candidate = schema(body);
        String subject = subject(m);
        String version = m.group(2);
        List<String> problems;
        if (isLatest(version)) {
            problems = repository.incompatibilities(subject, candidate);
        } else {
            problems = repository.incompatibilitiesWith(subject, parseVersion(version), candidate);
        }
        ObjectNode result = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (m.queryFlag("verbose")) {
            result.set("messages", strings(problems));
        }
        return result;
    }

    private JsonNode subjectLevel(Request m, JsonNode body) {
        String subject = subject(m);
        CompatibilityLevel own = repository.getOwnCompatibility(subject);
        if (own == null && !m.queryFlag("defaultToGlobal")) {
            throw new SchemaRegistryException(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
        }
        return level("compatibilityLevel", own == null ? repository.getCompatibility(null) : own);
    }

    private JsonNode setLevel(String subject, JsonNode body) {
        CompatibilityLevel level = CompatibilityLevel.parse(body == null ? null : body.path("compatibility").asText(null));
        repository.setCompatibility(subject, level);
        return level("compatibility", level);
    }

    private RegisteredSchema version(Request m) {
        String version = m.group(2);
        return isLatest(version) ? repository.getLatest(subject(m)) : repository.getVersion(subject(m), parseVersion(version));
    }

    private static boolean isLatest(String version) {
        return "latest".equals(version) || "-1".equals(version);
    }

    private static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidVersionException("The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static String subject(Request m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schema(JsonNode body) {
        if (body == null || !body.hasNonNull("schema")) {
            throw new InvalidSchemaException("Request body must be a JSON object with a \"schema\" field");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new InvalidSchemaException("Unsupported schema type '" + type + "': this registry serves AVRO only");
        }
        return SchemaRepository.parse(body.get("schema").asText());
    }

    private static ObjectNode registered(RegisteredSchema r) {
        return JSON.createObjectNode().put("subject", r.subject()).put("version", r.version()).put("id", r.id()).put("schema", r.schema().toString());
    }

    private static ObjectNode level(String field, CompatibilityLevel level) {
        return JSON.createObjectNode().put(field, level.name());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readBody(InputStream in) {
        try {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new SchemaRegistryException(422, 42201, "Request body is not valid JSON: " + e.getMessage());
        }
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        HttpEndpoint.respond(exchange, status, RestSchemaRegistryClient.CONTENT_TYPE, body.toString());
    }

    /** A matched request: the path's groups and the query string. */
    private static final class Request {
        private final Matcher matcher;
        private final String query;

        Request(Matcher matcher, String query) {
            this.matcher = matcher;
            this.query = query == null ? "" : query;
        }

        String group(int i) {
            return matcher.group(i);
        }

        boolean queryFlag(String name) {
            for (String pair : query.split("&")) {
                if (pair.equalsIgnoreCase(name + "=true")) {
                    return true;
                }
            }
            return false;
        }
    }

    @FunctionalInterface
    private interface Handler {
        JsonNode handle(Request request, JsonNode body);
    }

    @FunctionalInterface
    private interface BodilessHandler {
        JsonNode handle(Request request);
    }

    private static final class Route {
        final String method;
        final Pattern pattern;
        final Handler handler;

        Route(String method, String pathRegex, Handler handler) {
            this.method = Objects.requireNonNull(method);
            this.pattern = Pattern.compile(pathRegex);
            this.handler = handler;
        }

        Route(String method, String pathRegex, BodilessHandler handler) {
            this(method, pathRegex, (Handler) (request, body) -> handler.handle(request));
        }
    }
}
