package dev.seatwarden.adapters.rest;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatwarden.application.port.in.AccessRefusal;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document that {@code GET /openapi.json} serves ({@code src/main/resources/openapi.json})
 * against {@code rest-api.md}: a valid OpenAPI 3.1 document with exactly the spec's endpoints, and for
 * each the answers, codes and headers the spec names. The expectations below are written from the
 * spec, not from the document.
 */
class OpenApiDocumentTest {

    private static final String RESOURCE = "/openapi.json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** Every row of the tables of rest-api.md, in its order. */
    private static final List<String> SPEC_ENDPOINTS = List.of(
            "POST /v1/session",
            "DELETE /v1/session",
            "GET /v1/account",
            "POST /v1/tokens",
            "GET /v1/tokens",
            "GET /v1/tokens/{id}",
            "POST /v1/tokens/{id}/revoke",
            "POST /v1/tokens/{id}/rotate",
            "POST /v1/tokens/{id}/seat/release",
            "GET /v1/audit-events",
            "POST /v1/auth/verify",
            "POST /v1/integrations/verify",
            "POST /v1/credentials/revoke",
            "GET /health",
            "GET /health/live",
            "GET /openapi.json",
            "GET /");

    /** The success column of rest-api.md: status and media type. */
    private static final Map<String, Map<Integer, String>> SPEC_SUCCESS = Map.ofEntries(
            entry("POST /v1/session", Map.of(200, "application/json")),
            entry("DELETE /v1/session", Map.of(204, "")),
            entry("GET /v1/account", Map.of(200, "application/json")),
            entry("POST /v1/tokens", Map.of(201, "application/json")),
            entry("GET /v1/tokens", Map.of(200, "application/json")),
            entry("GET /v1/tokens/{id}", Map.of(200, "application/json")),
            entry("POST /v1/tokens/{id}/revoke", Map.of(200, "application/json")),
            entry("POST /v1/tokens/{id}/rotate", Map.of(200, "application/json")),
            entry("POST /v1/tokens/{id}/seat/release", Map.of(200, "application/json")),
            entry("GET /v1/audit-events", Map.of(200, "application/json")),
            entry("POST /v1/auth/verify", Map.of(200, "application/json")),
            entry("POST /v1/integrations/verify", Map.of(200, "application/json")),
            entry("POST /v1/credentials/revoke", Map.of(202, "application/json")),
            entry("GET /health", Map.of(200, "application/json", 503, "application/json")),
            entry("GET /health/live", Map.of(200, "application/json")),
            entry("GET /openapi.json", Map.of(200, "application/json")),
            entry("GET /", Map.of(200, "text/html")));

    private static final Set<String> AUTHENTICATION = Set.of("AUTHENTICATION_REQUIRED");
    private static final Set<String> CSRF = Set.of("CSRF_TOKEN_INVALID");
    private static final Set<String> NOT_FOUND = Set.of("TOKEN_NOT_FOUND");
    private static final Set<String> INVALID = Set.of("VALIDATION_FAILED");
    private static final Map<Integer, Set<String>> VERIFY_REFUSALS = Map.of(
            400, Set.of("MACHINE_ID_INVALID"),
            401, Set.of("TOKEN_MISSING", "TOKEN_MALFORMED", "TOKEN_UNKNOWN", "TOKEN_REVOKED", "TOKEN_EXPIRED"),
            403, Set.of("TOKEN_KIND_MISMATCH", "PLAN_NOT_ELIGIBLE", "SUBSCRIPTION_INACTIVE"),
            409, Set.of("SEAT_ASSIGNED_TO_OTHER_MACHINE"),
            429, Set.of("TOO_MANY_ATTEMPTS"));

    /**
     * The refusals column of rest-api.md, with its management rules: 401 {@code AUTHENTICATION_REQUIRED}
     * on every management path, 403 {@code CSRF_TOKEN_INVALID} on its POSTs and DELETEs but sign-in.
     * {@link #specProblems} adds what the spec's "Errors" section says of every request.
     */
    private static final Map<String, Map<Integer, Set<String>>> SPEC_REFUSALS = Map.ofEntries(
            entry("POST /v1/session", Map.of(401, Set.of("INVALID_CREDENTIALS"), 429, Set.of("TOO_MANY_ATTEMPTS"))),
            entry("DELETE /v1/session", Map.of(401, AUTHENTICATION, 403, CSRF)),
            entry("GET /v1/account", Map.of(401, AUTHENTICATION)),
            entry(
                    "POST /v1/tokens",
                    Map.of(
                            400,
                            INVALID,
                            401,
                            AUTHENTICATION,
                            403,
                            Set.of("CSRF_TOKEN_INVALID", "PLAN_NOT_ELIGIBLE", "SUBSCRIPTION_INACTIVE"),
                            409,
                            Set.of("INTEGRATION_TOKEN_LIMIT_REACHED"))),
            entry("GET /v1/tokens", Map.of(400, INVALID, 401, AUTHENTICATION)),
            entry("GET /v1/tokens/{id}", Map.of(401, AUTHENTICATION, 404, NOT_FOUND)),
            entry(
                    "POST /v1/tokens/{id}/revoke",
                    Map.of(401, AUTHENTICATION, 403, CSRF, 404, NOT_FOUND, 409, Set.of("TOKEN_ALREADY_REVOKED"))),
            entry(
                    "POST /v1/tokens/{id}/rotate",
                    Map.of(400, INVALID, 401, AUTHENTICATION, 403, CSRF, 404, NOT_FOUND, 409, Set.of("TOKEN_REVOKED"))),
            entry(
                    "POST /v1/tokens/{id}/seat/release",
                    Map.of(
                            401,
                            AUTHENTICATION,
                            403,
                            CSRF,
                            404,
                            NOT_FOUND,
                            409,
                            Set.of("SEAT_NOT_ASSIGNED", "TOKEN_REVOKED"),
                            429,
                            Set.of("SEAT_RELEASE_RATE_LIMITED"))),
            entry("GET /v1/audit-events", Map.of(400, INVALID, 401, AUTHENTICATION)),
            entry("POST /v1/auth/verify", VERIFY_REFUSALS),
            entry("POST /v1/integrations/verify", VERIFY_REFUSALS),
            entry("POST /v1/credentials/revoke", Map.of(400, INVALID, 429, Set.of("TOO_MANY_ATTEMPTS"))),
            entry("GET /health", Map.of()),
            entry("GET /health/live", Map.of()),
            entry("GET /openapi.json", Map.of()),
            entry("GET /", Map.of()));

    /** The codes of domain-rules.md ("Codes at a glance" and the verification order). */
    private static final Set<String> DOMAIN_CODES = Set.of(
            "VALIDATION_FAILED",
            "MACHINE_ID_INVALID",
            "TOKEN_MISSING",
            "TOKEN_MALFORMED",
            "TOKEN_KIND_MISMATCH",
            "TOKEN_UNKNOWN",
            "TOKEN_REVOKED",
            "TOKEN_EXPIRED",
            "PLAN_NOT_ELIGIBLE",
            "SUBSCRIPTION_INACTIVE",
            "TOKEN_NOT_FOUND",
            "SEAT_ASSIGNED_TO_OTHER_MACHINE",
            "INTEGRATION_TOKEN_LIMIT_REACHED",
            "TOKEN_ALREADY_REVOKED",
            "SEAT_NOT_ASSIGNED",
            "SEAT_RELEASE_RATE_LIMITED");

    /** The codes of the HTTP layer and of signing in. */
    private static final Set<String> HTTP_CODES = Set.of(
            "NOT_FOUND",
            "METHOD_NOT_ALLOWED",
            "MALFORMED_JSON",
            "UNSUPPORTED_MEDIA_TYPE",
            "PAYLOAD_TOO_LARGE",
            "INTERNAL_ERROR",
            "SERVICE_BUSY",
            "INVALID_CREDENTIALS",
            "TOO_MANY_ATTEMPTS",
            "AUTHENTICATION_REQUIRED",
            "CSRF_TOKEN_INVALID");

    /**
     * rest-api.md: "GET /health: 503 with DOWN when the database does not answer": the health
     * document, which monitors read, not a problem. The one error answer that is not a problem.
     */
    private static final Set<String> NOT_A_PROBLEM = Set.of("GET /health 503");

    private static final Set<String> JSON_SCHEMA_TYPES =
            Set.of("null", "boolean", "object", "array", "number", "string", "integer");

    /** Keywords whose value is a schema, or a list or map of schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses). */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("items", "not", "if", "then", "else");

    private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    /** The answers that belong to no one operation: an unknown path, a wrong method. */
    private static final Map<String, Integer> COMPONENT_RESPONSES = Map.of("NotFound", 404, "MethodNotAllowed", 405);

    /** Whom each endpoint authenticates: the session cookie, a bearer token of one kind, or nobody. */
    private static final Map<String, String> SPEC_SECURITY = Map.ofEntries(
            entry("POST /v1/session", ""),
            entry("DELETE /v1/session", "sessionCookie"),
            entry("GET /v1/account", "sessionCookie"),
            entry("POST /v1/tokens", "sessionCookie"),
            entry("GET /v1/tokens", "sessionCookie"),
            entry("GET /v1/tokens/{id}", "sessionCookie"),
            entry("POST /v1/tokens/{id}/revoke", "sessionCookie"),
            entry("POST /v1/tokens/{id}/rotate", "sessionCookie"),
            entry("POST /v1/tokens/{id}/seat/release", "sessionCookie"),
            entry("GET /v1/audit-events", "sessionCookie"),
            entry("POST /v1/auth/verify", "apiToken"),
            entry("POST /v1/integrations/verify", "integrationToken"),
            entry("POST /v1/credentials/revoke", ""),
            entry("GET /health", ""),
            entry("GET /health/live", ""),
            entry("GET /openapi.json", ""),
            entry("GET /", ""));

    private final String text = documentText();
    private final JsonNode root = readTree(text);

    @Test
    void the_document_is_openapi_3_1_0_and_parses_without_a_single_message() {
        // Given the served document
        // When swagger-parser reads it, resolving references
        var result = parse(text);

        // Then it reports nothing and reads it as OpenAPI 3.1.0
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Seatwarden");
        assertThat(result.getOpenAPI().getInfo().getVersion()).isEqualTo("1");
        assertThat(result.getOpenAPI().getServers())
                .singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
    }

    @Test
    void the_document_declares_exactly_the_endpoints_of_the_spec() {
        // Given the spec's rows and the document
        // When its endpoints are listed, by the helper and by swagger-parser
        var listed = OpenApiEndpoints.of(stream(text));
        var parsed = operations(parse(text).getOpenAPI()).keySet();

        // Then both are exactly the spec's rows
        assertThat(SPEC_ENDPOINTS).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(SPEC_ENDPOINTS);
        assertThat(parsed).containsExactlyInAnyOrderElementsOf(SPEC_ENDPOINTS);
    }

    @Test
    void the_endpoint_helper_reads_methods_only_and_refuses_what_it_cannot_read() {
        // Given a small document with a non-method field under a path
        var document = """
                {"openapi": "3.1.0", "paths": {"/a/{id}": {"parameters": [], "get": {}, "delete": {}},
                 "/": {"summary": "root", "post": {}}}}""";

        // When its endpoints are listed
        var endpoints = OpenApiEndpoints.of(stream(document));

        // Then only methods count, in upper case, with the path as written
        assertThat(endpoints).containsExactly("DELETE /a/{id}", "GET /a/{id}", "POST /");
        assertThat(OpenApiEndpoints.of(stream("{\"openapi\": \"3.1.0\"}"))).isEmpty();
        assertThat(catchThrowable(() -> OpenApiEndpoints.of(stream("{\"paths\": {\"/x\": {\"$ref\": \"#/y\"}}}"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_operation_has_a_unique_operation_id_a_summary_and_the_spec_s_security() {
        // Given the document's operations
        var operations = operations(parse(text).getOpenAPI());

        // Then each has an id of its own, a summary, and says whom it authenticates
        var ids = new ArrayList<String>();
        operations.forEach((endpoint, operation) -> {
            assertThat(operation.getOperationId()).as(endpoint).matches("[a-z][A-Za-z]+");
            assertThat(operation.getSummary()).as(endpoint).isNotBlank();
            ids.add(operation.getOperationId());
            assertThat(operation.getSecurity())
                    .as("%s states its security itself", endpoint)
                    .isNotNull();
            var schemes = operation.getSecurity().stream()
                    .flatMap(requirement -> requirement.keySet().stream())
                    .collect(Collectors.joining(","));
            assertThat(schemes).as(endpoint).isEqualTo(SPEC_SECURITY.get(endpoint));
        });
        assertThat(ids).doesNotHaveDuplicates().hasSize(SPEC_ENDPOINTS.size());
        assertThat(root.at("/components/securitySchemes/sessionCookie/in").asText())
                .isEqualTo("cookie");
        assertThat(root.at("/components/securitySchemes/sessionCookie/name").asText())
                .isEqualTo("seatwarden_session");
    }

    @Test
    void every_operation_answers_the_success_of_the_spec() {
        // Given the document's operations
        var operations = operations(parse(text).getOpenAPI());

        // Then each answers the spec's success status with its media type
        SPEC_SUCCESS.forEach((endpoint, successes) -> successes.forEach((status, media) -> {
            var response = operations.get(endpoint).getResponses().get(String.valueOf(status));
            assertThat(response).as("%s %s", endpoint, status).isNotNull();
            if (media.isEmpty()) {
                assertThat(response.getContent())
                        .as("%s %s has no body", endpoint, status)
                        .isNullOrEmpty();
            } else {
                assertThat(response.getContent()).as("%s %s", endpoint, status).containsOnlyKeys(media);
            }
        }));
        operations.forEach((endpoint, operation) -> assertThat(operation.getResponses().keySet().stream()
                        .filter(status -> status.startsWith("2"))
                        .map(Integer::valueOf))
                .as("%s: no success the spec does not name", endpoint)
                .allMatch(status -> SPEC_SUCCESS.get(endpoint).containsKey(status)));
    }

    @Test
    void every_operation_lists_the_problems_the_spec_names_for_it() {
        // Given the document's operations
        var operations = operations(parse(text).getOpenAPI());

        // Then each lists, for every status the spec names, a problem answer with each of its codes
        for (var endpoint : SPEC_ENDPOINTS) {
            specProblems(endpoint).forEach((status, codes) -> {
                var response = operations.get(endpoint).getResponses().get(String.valueOf(status));
                assertThat(response).as("%s lists %s", endpoint, status).isNotNull();
                var problem = response.getContent().get(PROBLEM_JSON);
                assertThat(problem).as("%s %s is a problem", endpoint, status).isNotNull();
                assertThat(problem.getExamples())
                        .as("%s %s names its codes", endpoint, status)
                        .containsKeys(codes.toArray(String[]::new));
            });
        }
    }

    @Test
    void every_error_answer_is_a_problem_and_nothing_else() {
        // Given every answer of 400 or above, of the operations and among the components
        var api = parse(text).getOpenAPI();
        var errors = new TreeMap<String, ApiResponse>();
        operations(api)
                .forEach((endpoint, operation) -> operation.getResponses().forEach((status, response) -> {
                    if (Integer.parseInt(status) >= 400) {
                        errors.put(endpoint + " " + status, response);
                    }
                }));
        api.getComponents().getResponses().forEach((name, response) -> errors.put("components " + name, response));

        // Then each is application/problem+json of the Problem schema, the health document aside
        assertThat(errors.keySet()).containsAll(NOT_A_PROBLEM).hasSizeGreaterThan(SPEC_ENDPOINTS.size());
        errors.forEach((answer, response) -> {
            if (NOT_A_PROBLEM.contains(answer)) {
                return;
            }
            assertThat(response.getContent()).as(answer).containsOnlyKeys(PROBLEM_JSON);
            assertThat(response.getContent().get(PROBLEM_JSON).getSchema().get$ref())
                    .as(answer)
                    .isEqualTo(PROBLEM_SCHEMA);
        });
    }

    @Test
    void every_problem_example_carries_its_own_code_status_and_type() {
        // Given every example of a problem answer
        var examples = new LinkedHashMap<String, JsonNode>();
        for (var answer : problemAnswers()) {
            answer.json()
                    .path("content")
                    .path(PROBLEM_JSON)
                    .path("examples")
                    .properties()
                    .forEach(example -> {
                        var where = example.getKey() + " in " + answer.where();
                        var value = resolve(example.getValue()).path("value");
                        examples.put(where, value);
                        // Then its name is its code, and its status the answer's
                        assertThat(value.path("code").asText()).as(where).isEqualTo(example.getKey());
                        assertThat(value.path("status").asInt()).as(where).isEqualTo(answer.status());
                    });
        }

        // Then each is a complete problem whose type is derived from its code
        var codes = problemCodes();
        assertThat(examples).hasSizeGreaterThan(SPEC_ENDPOINTS.size());
        examples.forEach((where, value) -> {
            var code = value.path("code").asText();
            assertThat(codes).as(where).contains(code);
            assertThat(value.path("type").asText())
                    .as(where)
                    .isEqualTo("https://seatwarden.dev/problems/"
                            + code.toLowerCase(Locale.ROOT).replace('_', '-'));
            for (var field : List.of("title", "detail", "instance")) {
                assertThat(value.path(field).asText()).as("%s %s", where, field).isNotBlank();
            }
            assertThat(value.has("errors")).as(where).isEqualTo(code.equals("VALIDATION_FAILED"));
            assertThat(value.has("retryAt")).as(where).isEqualTo(code.equals("SEAT_RELEASE_RATE_LIMITED"));
            assertThat(value.has("autoReleaseAt")).as(where).isEqualTo(code.equals("SEAT_ASSIGNED_TO_OTHER_MACHINE"));
        });
    }

    @Test
    void the_problem_code_enum_lists_every_code_of_the_spec() {
        // Given the Problem schema's code enum
        var codes = problemCodes();

        // Then it is the domain's codes plus the HTTP layer's, no more
        var expected = new TreeSet<>(DOMAIN_CODES);
        expected.addAll(HTTP_CODES);
        assertThat(codes).containsExactlyInAnyOrderElementsOf(expected);
        var required = new HashSet<String>();
        root.at("/components/schemas/Problem/required").forEach(field -> required.add(field.asText()));
        assertThat(required).containsExactlyInAnyOrder("type", "title", "status", "code", "detail", "instance");
    }

    @Test
    void the_problem_code_enum_covers_every_refusal_of_the_domain_and_of_signing_in() {
        // Given every refusal the domain and the sign-in use cases can answer
        var refusals = Stream.concat(
                        Arrays.stream(Refusal.class.getPermittedSubclasses()),
                        Arrays.stream(AccessRefusal.class.getPermittedSubclasses()))
                .map(OpenApiDocumentTest::codeOf)
                .collect(Collectors.toCollection(TreeSet::new));

        // Then the document knows each of their codes
        assertThat(refusals).hasSizeGreaterThanOrEqualTo(DOMAIN_CODES.size());
        assertThat(problemCodes()).containsAll(refusals);
    }

    @Test
    void every_answer_carries_the_headers_the_spec_gives_it() {
        // Given the document's operations
        var operations = operations(parse(text).getOpenAPI());

        // Then every answer carries X-Request-Id, every 429 Retry-After, and the named ones theirs
        operations.forEach((endpoint, operation) -> operation.getResponses().forEach((status, response) -> {
            assertThat(response.getHeaders()).as("%s %s", endpoint, status).containsKey("X-Request-Id");
            if (status.equals("429")) {
                assertThat(response.getHeaders()).as("%s %s", endpoint, status).containsKey("Retry-After");
            }
        }));
        assertThat(headersOf(operations, "POST /v1/tokens", 201)).containsKey("Location");
        assertThat(headersOf(operations, "POST /v1/session", 200)).containsKey("Set-Cookie");
        assertThat(headersOf(operations, "POST /v1/auth/verify", 401)).containsKey("WWW-Authenticate");
        assertThat(headersOf(operations, "POST /v1/integrations/verify", 401)).containsKey("WWW-Authenticate");
        assertThat(root.at("/components/headers/Retry-After/schema/type").asText())
                .isEqualTo("integer");
        assertThat(root.path("components").path("responses").findValues("headers"))
                .hasSize(COMPONENT_RESPONSES.size())
                .allSatisfy(headers -> assertThat(headers.has("X-Request-Id")).isTrue());
    }

    @Test
    void state_changing_management_requests_ask_for_the_csrf_token() {
        // Given the operations that use the session
        SPEC_SECURITY.forEach((endpoint, scheme) -> {
            var parameters = parameterNames(endpoint);
            var changesState = !endpoint.startsWith("GET ");
            // Then POSTs and DELETEs require X-CSRF-Token, and reads do not ask for it
            assertThat(parameters.getOrDefault("X-CSRF-Token", false))
                    .as(endpoint)
                    .isEqualTo(scheme.equals("sessionCookie") && changesState);
            assertThat(parameters).as(endpoint).containsKey("X-Request-Id");
        });
        assertThat(parameterNames("POST /v1/auth/verify")).containsEntry("X-Machine-Id", true);
        assertThat(parameterNames("POST /v1/integrations/verify")).containsEntry("X-Machine-Id", true);
    }

    @Test
    void request_bodies_are_strict_and_the_bodyless_posts_do_not_require_one() {
        var bodyless = Set.of(
                "POST /v1/tokens/{id}/revoke",
                "POST /v1/tokens/{id}/seat/release",
                "POST /v1/auth/verify",
                "POST /v1/integrations/verify");
        var withBody = Set.of(
                "POST /v1/session", "POST /v1/tokens", "POST /v1/tokens/{id}/rotate", "POST /v1/credentials/revoke");
        SPEC_ENDPOINTS.forEach(endpoint -> {
            // Given the endpoint's request body, if it has one
            var body = resolve(operationNode(endpoint).path("requestBody"));
            if (!endpoint.startsWith("POST ")) {
                assertThat(body.isMissingNode()).as(endpoint).isTrue();
                return;
            }
            // Then POSTs take JSON with no unknown field, and only those that need a body require one
            assertThat(body.path("required").asBoolean(false)).as(endpoint).isEqualTo(withBody.contains(endpoint));
            assertThat(bodyless.contains(endpoint) || withBody.contains(endpoint))
                    .as(endpoint)
                    .isTrue();
            var schema = resolve(body.path("content").path("application/json").path("schema"));
            assertThat(schema.path("type").asText()).as(endpoint).isEqualTo("object");
            assertThat(schema.path("additionalProperties").isBoolean()
                            && !schema.path("additionalProperties").asBoolean())
                    .as("%s refuses unknown fields", endpoint)
                    .isTrue();
        });
        assertThat(root.at("/components/schemas/RotateTokenRequest/properties/graceMinutes/maximum")
                        .asInt())
                .isEqualTo(1440);
        assertThat(root.at("/components/schemas/LeakReport/properties/secrets/maxItems")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void every_schema_uses_json_schema_types_and_requires_only_properties_it_declares() {
        // Given every schema of the document: the components' and those inline in operations
        var schemas = new ArrayList<Map.Entry<String, JsonNode>>();
        root.path("components")
                .path("schemas")
                .properties()
                .forEach(schema ->
                        collectSchemas("#/components/schemas/" + schema.getKey(), schema.getValue(), schemas));
        root.path("paths").properties().forEach(path -> findSchemas(path.getKey(), path.getValue(), schemas));
        Stream.of("parameters", "headers", "requestBodies", "responses")
                .forEach(kind -> findSchemas(kind, root.path("components").path(kind), schemas));

        // Then each type is one of JSON Schema's, alone or in a list, and every required name is a property
        assertThat(schemas).hasSizeGreaterThan(SPEC_ENDPOINTS.size());
        schemas.forEach(entry -> {
            var where = entry.getKey();
            var schema = entry.getValue();
            var type = schema.path("type");
            var types = new ArrayList<String>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
                assertThat(types).as(where).doesNotHaveDuplicates().hasSizeGreaterThan(1);
            } else if (!type.isMissingNode()) {
                types.add(type.asText());
            }
            assertThat(types).as(where).isSubsetOf(JSON_SCHEMA_TYPES);
            if (schema.has("properties")) {
                schema.path("required")
                        .forEach(name -> assertThat(schema.path("properties").has(name.asText()))
                                .as("%s requires %s, which it declares", where, name.asText())
                                .isTrue());
            }
            if (schema.has("enum") && types.contains("null")) {
                assertThat(hasNull(schema.path("enum")))
                        .as("%s: a nullable enum lists null", where)
                        .isTrue();
            }
        });
    }

    @Test
    void every_reference_resolves_inside_the_document() {
        // Given every $ref of the document
        var references = root.findValuesAsText("$ref");

        // Then each points into the document, at something that is there
        assertThat(references).hasSizeGreaterThan(SPEC_ENDPOINTS.size());
        assertThat(references).allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(root.at(reference.substring(1)).isMissingNode())
                    .as("%s resolves", reference)
                    .isFalse();
        });
    }

    private Map<String, Boolean> parameterNames(String endpoint) {
        var names = new TreeMap<String, Boolean>();
        operationNode(endpoint).path("parameters").forEach(parameter -> {
            var resolved = resolve(parameter);
            names.put(resolved.path("name").asText(), resolved.path("required").asBoolean(false));
        });
        return names;
    }

    private JsonNode operationNode(String endpoint) {
        var space = endpoint.indexOf(' ');
        return root.path("paths")
                .path(endpoint.substring(space + 1))
                .path(endpoint.substring(0, space).toLowerCase(Locale.ROOT));
    }

    /** Finds the {@code schema} fields under a node (parameters, headers, media types) and collects each. */
    private static void findSchemas(String where, JsonNode node, List<Map.Entry<String, JsonNode>> schemas) {
        node.properties().forEach(field -> {
            var at = where + "/" + field.getKey();
            if (field.getKey().equals("schema")) {
                collectSchemas(at, field.getValue(), schemas);
            } else if (!field.getKey().equals("examples") && !field.getKey().equals("example")) {
                findSchemas(at, field.getValue(), schemas);
            }
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findSchemas(where + "/" + i, node.get(i), schemas);
            }
        }
    }

    private static void collectSchemas(String where, JsonNode schema, List<Map.Entry<String, JsonNode>> schemas) {
        if (!schema.isObject()) {
            return;
        }
        schemas.add(Map.entry(where, schema));
        schema.path("properties")
                .properties()
                .forEach(property ->
                        collectSchemas(where + "/properties/" + property.getKey(), property.getValue(), schemas));
        SCHEMA_KEYWORDS.forEach(keyword -> collectSchemas(where + "/" + keyword, schema.path(keyword), schemas));
        SCHEMA_LIST_KEYWORDS.forEach(keyword -> {
            for (int i = 0; i < schema.path(keyword).size(); i++) {
                collectSchemas(
                        where + "/" + keyword + "/" + i, schema.path(keyword).get(i), schemas);
            }
        });
        if (schema.path("additionalProperties").isObject()) {
            collectSchemas(where + "/additionalProperties", schema.path("additionalProperties"), schemas);
        }
    }

    private static boolean hasNull(JsonNode values) {
        for (var value : values) {
            if (value.isNull()) {
                return true;
            }
        }
        return false;
    }

    /** Follows {@code $ref}s within the document until a node that is not one. */
    private JsonNode resolve(JsonNode node) {
        var current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            assertThat(hops).as("a $ref chain ends").isLessThan(10);
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** An answer of {@code application/problem+json}, where it stands and its status. */
    private record ProblemAnswer(String where, JsonNode json, int status) {}

    private List<ProblemAnswer> problemAnswers() {
        var answers = new ArrayList<ProblemAnswer>();
        root.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(method -> method.getValue()
                                .path("responses")
                                .properties()
                                .forEach(response -> {
                                    var answer = resolve(response.getValue());
                                    if (answer.path("content").has(PROBLEM_JSON)) {
                                        var where = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                                                + response.getKey();
                                        answers.add(
                                                new ProblemAnswer(where, answer, Integer.parseInt(response.getKey())));
                                    }
                                })));
        var components = root.path("components").path("responses");
        var names = new TreeSet<String>();
        components.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(COMPONENT_RESPONSES.keySet());
        COMPONENT_RESPONSES.forEach(
                (name, status) -> answers.add(new ProblemAnswer("components " + name, components.path(name), status)));
        return answers;
    }

    private Set<String> problemCodes() {
        var codes = new TreeSet<String>();
        root.at("/components/schemas/Problem/properties/code/enum").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static Map<Integer, Set<String>> specProblems(String endpoint) {
        var problems = new TreeMap<Integer, Set<String>>();
        SPEC_REFUSALS.get(endpoint).forEach((status, codes) -> problems.put(status, new TreeSet<>(codes)));
        // "Errors": every POST may carry a body that is malformed, too large or of the wrong type...
        if (endpoint.startsWith("POST ")) {
            problems.computeIfAbsent(400, status -> new TreeSet<>()).add("MALFORMED_JSON");
            problems.computeIfAbsent(413, status -> new TreeSet<>()).add("PAYLOAD_TOO_LARGE");
            problems.computeIfAbsent(415, status -> new TreeSet<>()).add("UNSUPPORTED_MEDIA_TYPE");
        }
        // ...and any request may meet an unexpected failure.
        problems.computeIfAbsent(500, status -> new TreeSet<>()).add("INTERNAL_ERROR");
        return problems;
    }

    private static Map<String, ?> headersOf(Map<String, Operation> operations, String endpoint, int status) {
        var headers = operations
                .get(endpoint)
                .getResponses()
                .get(String.valueOf(status))
                .getHeaders();
        return headers == null ? Map.of() : headers;
    }

    private static Map<String, Operation> operations(OpenAPI api) {
        var operations = new TreeMap<String, Operation>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    private static SwaggerParseResult parse(String document) {
        var options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    private static String documentText() {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("%s on the class path", RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String document) {
        try {
            return new ObjectMapper().readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }

    /** The code a refusal record answers, read from a record of that type built with dummy values. */
    private static String codeOf(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructors()[0];
            var arguments = Arrays.stream(constructor.getParameterTypes())
                    .map(OpenApiDocumentTest::dummy)
                    .toArray();
            var refusal = constructor.newInstance(arguments);
            return refusal instanceof Refusal domain ? domain.code() : ((AccessRefusal) refusal).code();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Object dummy(Class<?> parameter) {
        if (parameter == int.class) {
            return 0;
        }
        if (parameter == Instant.class) {
            return Instant.EPOCH;
        }
        if (parameter == io.vavr.collection.List.class) {
            return io.vavr.collection.List.of(new FieldError("field", "message"));
        }
        throw new AssertionError("no dummy value for " + parameter);
    }
}
