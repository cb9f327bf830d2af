package io.pairstream.schemas.registry;

import static io.pairstream.schemas.registry.TestSchemas.USER_INCOMPATIBLE;
import static io.pairstream.schemas.registry.TestSchemas.USER_V1;
import static io.pairstream.schemas.registry.TestSchemas.USER_V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.schemas.registry.server.EmbeddedSchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from the in-memory registry and from the REST client talking to the embedded server. */
class SchemaRegistryClientTest {

    private static EmbeddedSchemaRegistry server;

    static Stream<Arguments> clients() {
        Supplier<SchemaRegistryClient> inMemory = () -> new SchemaRepository(SchemaJournal.NONE);
        Supplier<SchemaRegistryClient> overHttp = () -> {
            server = EmbeddedSchemaRegistry.start(new SchemaRepository(SchemaJournal.NONE), "127.0.0.1", 0);
            return SchemaRegistryClients.create(Map.of("schema.registry.url", server.url()));
        };
        return Stream.of(Arguments.of("in-memory", inMemory), Arguments.of("REST", overHttp));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void shouldGiveTheSameIdForTheSameSchemaAndNewVersionsForNewSchemas(String name, Supplier<SchemaRegistryClient> factory) {
        SchemaRegistryClient client = factory.get();

        int first = client.register("users-value", USER_V1);
        int again = client.register("users-value", USER_V1);
        int second = client.register("users-value", USER_V2);
        int elsewhere = client.register("other-value", USER_V1);

        assertEquals(first, again);
        assertNotEquals(first, second);
        assertEquals(first, elsewhere, "an identical schema keeps its global id under another subject");
        assertEquals(List.of(1, 2), client.getVersions("users-value"));
        assertEquals(new RegisteredSchema("users-value", 2, second, USER_V2), client.getLatest("users-value"));
        assertEquals(new RegisteredSchema("users-value", 1, first, USER_V1), client.lookup("users-value", USER_V1));
        assertEquals(USER_V2, client.getById(second));
        assertEquals(List.of("other-value", "users-value"), client.getSubjects());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void shouldRejectAnIncompatibleSchemaUnderBackwardAndAcceptItUnderNone(String name, Supplier<SchemaRegistryClient> factory) {
        SchemaRegistryClient client = factory.get();
        client.register("users-value", USER_V1);

        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility("users-value"));
        assertFalse(client.isCompatible("users-value", USER_INCOMPATIBLE));
        IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class, () -> client.register("users-value", USER_INCOMPATIBLE));
        assertEquals(409, e.errorCode());
        assertTrue(e.getMessage().contains("age"), e.getMessage());

        client.setCompatibility("users-value", CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, client.getCompatibility("users-value"));
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility(null));
        assertTrue(client.isCompatible("users-value", USER_INCOMPATIBLE));
        client.register("users-value", USER_INCOMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void shouldRaiseTypedErrorsForWhatDoesNotExist(String name, Supplier<SchemaRegistryClient> factory) {
        SchemaRegistryClient client = factory.get();
        client.register("users-value", USER_V1);

        assertEquals(40401, assertThrows(SubjectNotFoundException.class, () -> client.getLatest("nobody")).errorCode());
        assertEquals(40402, assertThrows(VersionNotFoundException.class, () -> client.getVersion("users-value", 7)).errorCode());
        assertEquals(40403, assertThrows(SchemaNotFoundException.class, () -> client.getById(999)).errorCode());
        assertEquals(40403, assertThrows(SchemaNotFoundException.class, () -> client.lookup("users-value", USER_V2)).errorCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void shouldSoftDeleteASubjectButKeepIdsResolvable(String name, Supplier<SchemaRegistryClient> factory) {
        SchemaRegistryClient client = factory.get();
        int id = client.register("users-value", USER_V1);

        assertEquals(List.of(1), client.deleteSubject("users-value"));

        assertThrows(SubjectNotFoundException.class, () -> client.getLatest("users-value"));
        assertEquals(USER_V1, client.getById(id));
        assertEquals(List.of(), client.getSubjects());
    }
}
