package io.pairstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server over plain HTTP: status codes, error codes and JSON shapes as Confluent's API documents them. */
class RegistryRestContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private EmbeddedSchemaRegistry server;
    private final HttpClient http = HttpClient.newHttpClient();

    private record Reply(int status, JsonNode body, String contentType) {
    }

    @BeforeEach
    void start() {
        server = EmbeddedSchemaRegistry.start(new SchemaRepository(SchemaJournal.NONE), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response.headers().firstValue("Content-Type").orElse(""));
    }

    private static String schemaBody(org.apache.avro.Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    @Test
    void shouldRegisterAndAnswerWithTheDocumentedShapes() throws Exception {
        Reply registered = call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_V1));
        assertEquals(200, registered.status());
        assertEquals(CONTENT_TYPE, registered.contentType());
        assertEquals(1, registered.body().size());
        int id = registered.body().get("id").asInt();

        Reply version = call("GET", "/subjects/users-value/versions/latest", null);
        assertEquals(200, version.status());
        assertEquals("users-value", version.body().get("subject").asText());
        assertEquals(1, version.body().get("version").asInt());
        assertEquals(id, version.body().get("id").asInt());
        assertEquals(TestSchemas.USER_V1.toString(), version.body().get("schema").asText());

        assertEquals(TestSchemas.USER_V1.toString(), call("GET", "/schemas/ids/" + id, null).body().get("schema").asText());
        assertEquals("[\"users-value\"]", call("GET", "/subjects", null).body().toString());
        assertEquals("[1]", call("GET", "/subjects/users-value/versions", null).body().toString());
        assertEquals("User", call("GET", "/subjects/users-value/versions/1/schema", null).body().get("name").asText());
        assertEquals("[\"AVRO\"]", call("GET", "/schemas/types", null).body().toString());

        Reply lookup = call("POST", "/subjects/users-value", schemaBody(TestSchemas.USER_V1));
        assertEquals(200, lookup.status());
        assertEquals(id, lookup.body().get("id").asInt());
        assertEquals(1, lookup.body().get("version").asInt());
    }

    @Test
    void shouldAnswerErrorsWithStatusCodeAndMessage() throws Exception {
        call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_V1));

        assertError(call("GET", "/subjects/nobody/versions", null), 404, 40401);
        assertError(call("GET", "/subjects/users-value/versions/9", null), 404, 40402);
        assertError(call("GET", "/schemas/ids/77", null), 404, 40403);
        assertError(call("POST", "/subjects/users-value", schemaBody(TestSchemas.USER_V2)), 404, 40403);
        assertError(call("POST", "/subjects/users-value/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(call("GET", "/subjects/users-value/versions/zero", null), 422, 42202);
        assertError(call("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);
        assertError(call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_INCOMPATIBLE)), 409, 409);
        assertError(call("GET", "/config/users-value", null), 404, 40408);
        assertError(call("GET", "/no/such/path", null), 404, 404);
    }

    @Test
    void shouldCheckCompatibilityAndManageConfiguration() throws Exception {
        call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_V1));

        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", call("GET", "/config", null).body().toString());
        Reply incompatible = call("POST", "/compatibility/subjects/users-value/versions/latest?verbose=true", schemaBody(TestSchemas.USER_INCOMPATIBLE));
        assertEquals(200, incompatible.status());
        assertEquals(false, incompatible.body().get("is_compatible").asBoolean());
        assertTrue(incompatible.body().get("messages").get(0).asText().contains("age"));
        assertEquals(true, call("POST", "/compatibility/subjects/users-value/versions/1", schemaBody(TestSchemas.USER_V2)).body().get("is_compatible").asBoolean());

        Reply set = call("PUT", "/config/users-value", "{\"compatibility\":\"FULL\"}");
        assertEquals("{\"compatibility\":\"FULL\"}", set.body().toString());
        assertEquals("{\"compatibilityLevel\":\"FULL\"}", call("GET", "/config/users-value", null).body().toString());
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", call("GET", "/config/other-value?defaultToGlobal=true", null).body().toString());
    }

    @Test
    void shouldDeleteASubjectAndListItsVersions() throws Exception {
        call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_V1));
        call("POST", "/subjects/users-value/versions", schemaBody(TestSchemas.USER_V2));

        assertEquals("[1,2]", call("DELETE", "/subjects/users-value", null).body().toString());
        assertError(call("GET", "/subjects/users-value/versions", null), 404, 40401);
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(errorCode, reply.body().get("error_code").asInt(), reply.body().toString());
        assertTrue(reply.body().get("message").asText().length() > 3, reply.body().toString());
    }
}
