package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.rest.contract.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document stays true: every documented path and method is answered by the running
 * server (neither 404 nor 405), and every route the server has is documented.
 */
class OpenApiMatchesServerTest {

    private final InMemoryServer server = new InMemoryServer();
    private final Http http = new Http(server.baseUri());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_document_lists_exactly_the_routes_the_server_has() throws IOException {
        // Given the document the server serves, and the server's own route table
        var served = http.get("/openapi.json");
        var documented = OpenApiEndpoints.of(new ByteArrayInputStream(served.bytes()));
        var routes = RestServer.routeTable(server.restUseCases())
                .endpoints()
                // the dashboard's own files are not part of the API: rest-api.md lists GET / alone
                .filter(endpoint -> !endpoint.template().startsWith("/dashboard/"))
                .map(endpoint -> endpoint.method().toUpperCase(Locale.ROOT) + " " + endpoint.template())
                .toJavaSet();

        // Then the two are the same set, and the served document is the one in the jar
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/json");
        assertThat(documented).isEqualTo(routes);
        try (InputStream resource = RestServer.class.getResourceAsStream("/openapi.json")) {
            assertThat(served.bytes()).isEqualTo(resource.readAllBytes());
        }
    }

    @Test
    void every_documented_path_and_method_is_answered_by_the_running_server() throws IOException {
        // Given every endpoint of the document
        byte[] document;
        try (InputStream resource = RestServer.class.getResourceAsStream("/openapi.json")) {
            document = resource.readAllBytes();
        }
        var documented = OpenApiEndpoints.of(new ByteArrayInputStream(document));
        assertThat(documented).isNotEmpty();

        for (var endpoint : documented) {
            var method = endpoint.substring(0, endpoint.indexOf(' '));
            var path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "tok_documented");

            // When it is called, without session or body
            var reply = http.call(method, path).send();

            // Then the server knows the path and the method: whatever else it answers, not 404 / 405 for routing
            assertThat(reply.status()).as(endpoint).isNotEqualTo(405);
            if (reply.status() == 404) {
                assertThat(reply.code()).as(endpoint).isNotEqualTo("NOT_FOUND");
            }
        }
    }
}
