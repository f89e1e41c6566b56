package dev.seatwarden.adapters.rest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seatwarden.adapters.rest.contract.Http.Reply;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.token.SecretFormat;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@code rest-api.md}, against a real server over HTTP. Each storage family runs it
 * by extending it with a {@link #startServer()} of its own.
 */
public abstract class RestApiContract {

    protected static final String PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();

    protected ServerUnderTest server;
    protected Http http;
    private int accounts;

    /** A fresh server, with empty storage, on a free port. */
    protected abstract ServerUnderTest startServer();

    @BeforeEach
    void start() {
        server = startServer();
        http = new Http(server.baseUri());
    }

    @AfterEach
    void stop() {
        // none when startServer() was skipped (an assumption failed), so that the skip is reported as one
        if (server != null) {
            server.close();
        }
    }

    // ---- fixtures ------------------------------------------------------------------------------

    /** A signed-in account's cookie and CSRF token; public, for tests of clients of this API. */
    public record Session(Http http, String email, String cookie, String csrf) {

        /** Signs in over {@code http}; the sign-in must succeed. */
        public static Session signIn(Http http, String email, String password) {
            var reply = signInReply(http, email, password);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            var cookie = reply.header("Set-Cookie");
            var value = cookie.substring(0, cookie.indexOf(';'));
            return new Session(http, email, value, reply.json().get("csrfToken").asText());
        }

        static Reply signInReply(Http http, String email, String password) {
            return http.call("POST", "/v1/session")
                    .json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                    .send();
        }

        /** A new token of {@code kind} ({@code API} or {@code INTEGRATION}), its secret included. */
        public JsonNode createToken(String kind) {
            var reply = post("/v1/tokens", "{\"name\":\"build server\",\"kind\":\"" + kind + "\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            return reply.json();
        }

        public Reply get(String path) {
            return http.call("GET", path).header("Cookie", cookie).send();
        }

        /** A state-changing call of this session: its cookie and its CSRF token. */
        public Http.Call signed(String method, String path) {
            return http.call(method, path).header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }

        public Reply post(String path, String json) {
            var call = signed("POST", path);
            return (json == null ? call : call.json(json)).send();
        }

        public Reply delete(String path) {
            return signed("DELETE", path).send();
        }

        @Override
        public String toString() {
            return "Session[" + email + "]";
        }
    }

    protected String newEmail() {
        return "owner" + (++accounts) + "-" + System.identityHashCode(this) + "@example.com";
    }

    protected Session accountOn(Plan plan) {
        var email = newEmail();
        server.openAccount(email, plan, PASSWORD);
        return signIn(email, PASSWORD);
    }

    protected Session signIn(String email, String password) {
        return Session.signIn(http, email, password);
    }

    protected Reply signInReply(String email, String password) {
        return Session.signInReply(http, email, password);
    }

    protected JsonNode createToken(Session session, String kind) {
        return session.createToken(kind);
    }

    protected Reply verify(String path, String secret, String machine) {
        var call = http.call("POST", path).header("User-Agent", "seatwarden-cli/1.0");
        if (secret != null) {
            call.header("Authorization", "Bearer " + secret);
        }
        if (machine != null) {
            call.header("X-Machine-Id", machine);
        }
        return call.send();
    }

    /** A secret of R6's format that no server issued. */
    public static String unknownSecret(String prefix) {
        var alphabet = SecretFormat.ALPHABET;
        var payload = new StringBuilder(prefix);
        for (int i = 0; i < SecretFormat.RANDOM_LENGTH; i++) {
            payload.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return payload + SecretFormat.checksum(payload.toString());
    }

    protected static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json; charset=utf-8");
        var body = reply.json();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText())
                .isEqualTo(
                        "https://seatwarden.dev/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.has("instance")).isTrue();
    }

    protected static List<String> errorFields(Reply reply) {
        var fields = new ArrayList<String>();
        reply.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    // ---- sign-in and sessions ------------------------------------------------------------------

    @Test
    void signing_in_answers_the_account_and_a_csrf_token_with_a_strict_http_only_cookie() {
        // given
        var email = newEmail();
        server.openAccount(email, Plan.PRO, PASSWORD);
        // when
        var reply = signInReply(email, PASSWORD);
        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        var cookie = reply.header("Set-Cookie");
        assertThat(cookie).matches("seatwarden_session=[^;]+; Path=/; HttpOnly; SameSite=Strict");
        var body = reply.json();
        assertThat(body.get("csrfToken").asText()).isNotBlank();
        assertThat(body.get("account").get("email").asText()).isEqualTo(email);
        assertThat(body.get("account").get("plan").asText()).isEqualTo("PRO");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_answer() {
        // given
        var email = newEmail();
        server.openAccount(email, Plan.PRO, PASSWORD);
        // when
        var wrongPassword = signInReply(email, "not the password at all");
        var unknownEmail = signInReply("nobody@example.com", PASSWORD);
        // then
        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
        assertThat(wrongPassword.header("Set-Cookie")).isNull();
    }

    @Test
    void the_sixth_attempt_is_refused_even_with_the_right_password_until_the_failures_age() {
        // given five failures
        var email = newEmail();
        server.openAccount(email, Plan.PRO, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertProblem(signInReply(email, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        // when
        var sixth = signInReply(email, PASSWORD);
        // then
        assertProblem(sixth, 429, "TOO_MANY_ATTEMPTS");
        assertThat(sixth.header("Retry-After")).isEqualTo("900");
        assertThat(Instant.parse(sixth.json().get("retryAt").asText()))
                .isEqualTo(server.clock().instant().plus(Duration.ofMinutes(15)));
        // and once the first failure leaves the window, the right password works again
        server.clock().advance(Duration.ofMinutes(15));
        assertThat(signInReply(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void a_successful_sign_in_clears_the_failure_count() {
        // given four failures and a success
        var email = newEmail();
        server.openAccount(email, Plan.PRO, PASSWORD);
        for (int i = 0; i < 4; i++) {
            signInReply(email, "wrong password " + i);
        }
        assertThat(signInReply(email, PASSWORD).status()).isEqualTo(200);
        // when four more fail
        for (int i = 0; i < 4; i++) {
            assertProblem(signInReply(email, "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        // then the next one is still checked
        assertThat(signInReply(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void a_sign_in_without_proper_fields_names_every_bad_field() {
        // when
        var reply = http.call("POST", "/v1/session")
                .json("{\"email\":5,\"nickname\":\"x\"}")
                .send();
        // then
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertThat(errorFields(reply)).containsExactlyInAnyOrder("nickname", "email", "password");
    }

    @Test
    void signing_out_ends_the_session_and_clears_the_cookie() {
        // given
        var session = accountOn(Plan.PRO);
        // when
        var reply = session.delete("/v1/session");
        // then
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.bytes()).isEmpty();
        assertThat(reply.header("Content-Type")).as("no body, no type").isNull();
        assertThat(reply.header("Set-Cookie"))
                .isEqualTo("seatwarden_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        assertProblem(session.get("/v1/account"), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void signing_out_needs_a_session_and_its_csrf_token() {
        var session = accountOn(Plan.PRO);
        assertProblem(http.call("DELETE", "/v1/session").send(), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(
                http.call("DELETE", "/v1/session")
                        .header("Cookie", session.cookie())
                        .send(),
                403,
                "CSRF_TOKEN_INVALID");
        assertThat(session.get("/v1/account").status()).isEqualTo(200);
    }

    @Test
    void a_session_ends_after_8_hours_without_a_request() {
        // given
        var session = accountOn(Plan.PRO);
        server.clock().advance(Duration.ofHours(7));
        assertThat(session.get("/v1/account").status()).isEqualTo(200);
        // when nearly 8 hours pass after that request, it lives; at 8 hours it ends
        server.clock().advance(Duration.ofHours(7).plusMinutes(59));
        assertThat(session.get("/v1/account").status()).isEqualTo(200);
        server.clock().advance(Duration.ofHours(8));
        // then
        assertProblem(session.get("/v1/account"), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void a_session_ends_7_days_after_sign_in_however_busy() {
        // given a session used every 4 hours
        var session = accountOn(Plan.PRO);
        for (int i = 0; i < 41; i++) {
            server.clock().advance(Duration.ofHours(4));
            assertThat(session.get("/v1/account").status()).isEqualTo(200);
        }
        // when 7 days have passed since sign-in
        server.clock().advance(Duration.ofHours(4));
        // then
        assertProblem(session.get("/v1/account"), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void every_management_path_needs_a_valid_session() {
        var paths = List.of(
                new String[] {"GET", "/v1/account"},
                new String[] {"DELETE", "/v1/session"},
                new String[] {"POST", "/v1/tokens"},
                new String[] {"GET", "/v1/tokens"},
                new String[] {"GET", "/v1/tokens/tok_x"},
                new String[] {"POST", "/v1/tokens/tok_x/revoke"},
                new String[] {"POST", "/v1/tokens/tok_x/rotate"},
                new String[] {"POST", "/v1/tokens/tok_x/seat/release"},
                new String[] {"GET", "/v1/audit-events"});
        for (var path : paths) {
            assertProblem(http.call(path[0], path[1]).send(), 401, "AUTHENTICATION_REQUIRED");
            assertProblem(
                    http.call(path[0], path[1])
                            .header("Cookie", "seatwarden_session=forged")
                            .send(),
                    401,
                    "AUTHENTICATION_REQUIRED");
        }
    }

    @Test
    void every_state_changing_management_request_needs_the_sessions_csrf_token() {
        // given
        var session = accountOn(Plan.PRO);
        var id = createToken(session, "API").get("id").asText();
        var paths = List.of(
                new String[] {"DELETE", "/v1/session"},
                new String[] {"POST", "/v1/tokens"},
                new String[] {"POST", "/v1/tokens/" + id + "/revoke"},
                new String[] {"POST", "/v1/tokens/" + id + "/rotate"},
                new String[] {"POST", "/v1/tokens/" + id + "/seat/release"});
        for (var path : paths) {
            // when sent without the token, or with another one
            var without = http.call(path[0], path[1])
                    .header("Cookie", session.cookie())
                    .send();
            var wrong = http.call(path[0], path[1])
                    .header("Cookie", session.cookie())
                    .header("X-CSRF-Token", "forged")
                    .send();
            // then
            assertProblem(without, 403, "CSRF_TOKEN_INVALID");
            assertProblem(wrong, 403, "CSRF_TOKEN_INVALID");
        }
        assertThat(session.get("/v1/tokens/" + id).json().get("status").asText())
                .isEqualTo("NEVER_USED");
    }

    // ---- the account ---------------------------------------------------------------------------

    @Test
    void the_account_shows_plan_subscription_slots_and_release_quota() {
        // given
        var session = accountOn(Plan.ENTERPRISE);
        createToken(session, "INTEGRATION");
        // when
        var reply = session.get("/v1/account");
        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        var account = reply.json();
        assertThat(account.get("id").asText()).startsWith("acc_");
        assertThat(account.get("email").asText()).isEqualTo(session.email());
        assertThat(account.get("plan").asText()).isEqualTo("ENTERPRISE");
        assertThat(account.get("subscription").asText()).isEqualTo("ACTIVE");
        assertThat(account.get("integrationTokenLimit").asInt()).isEqualTo(5);
        assertThat(account.get("integrationTokensInUse").asInt()).isEqualTo(1);
        var release = account.get("seatRelease");
        assertThat(release.get("limit").asInt()).isEqualTo(1);
        assertThat(release.get("windowHours").asInt()).isEqualTo(24);
        assertThat(release.has("nextReleaseAt")).isTrue();
        assertThat(release.get("nextReleaseAt").isNull()).isTrue();
    }

    @Test
    void a_lapsed_or_starter_account_signs_in_and_is_told_why_it_cannot_create_tokens() {
        // given
        var starter = accountOn(Plan.STARTER);
        var lapsed = accountOn(Plan.PRO);
        server.changeAccount(lapsed.email(), Option.none(), Option.some(Subscription.LAPSED), Option.none());
        // when
        var refusedPlan = starter.post("/v1/tokens", "{\"name\":\"ci\",\"kind\":\"API\"}");
        var refusedSubscription = lapsed.post("/v1/tokens", "{\"name\":\"ci\",\"kind\":\"API\"}");
        // then
        assertProblem(refusedPlan, 403, "PLAN_NOT_ELIGIBLE");
        assertProblem(refusedSubscription, 403, "SUBSCRIPTION_INACTIVE");
        var lapsedAccount = lapsed.get("/v1/account").json();
        assertThat(lapsedAccount.get("subscription").asText()).isEqualTo("LAPSED");
        assertThat(lapsedAccount.get("canCreateTokens").asBoolean()).isFalse();
        assertThat(lapsedAccount.get("tokenCreationRefusal").asText()).isEqualTo("SUBSCRIPTION_INACTIVE");
        var starterAccount = starter.get("/v1/account").json();
        assertThat(starterAccount.get("canCreateTokens").asBoolean()).isFalse();
        assertThat(starterAccount.get("tokenCreationRefusal").asText()).isEqualTo("PLAN_NOT_ELIGIBLE");
        var pro = accountOn(Plan.PRO).get("/v1/account").json();
        assertThat(pro.get("canCreateTokens").asBoolean()).isTrue();
        assertThat(pro.get("tokenCreationRefusal").isNull()).isTrue();
    }

    // ---- tokens --------------------------------------------------------------------------------

    @Test
    void creating_a_token_answers_201_with_its_location_and_the_secret_shown_once() {
        // given
        var session = accountOn(Plan.PRO);
        // when
        var reply = session.post("/v1/tokens", "{\"name\":\"  build server \",\"kind\":\"API\",\"assignee\":\"QA\"}");
        // then
        assertThat(reply.status()).isEqualTo(201);
        var token = reply.json();
        var id = token.get("id").asText();
        assertThat(reply.header("Location")).isEqualTo("/v1/tokens/" + id);
        var secret = token.get("secret").asText();
        assertThat(secret).startsWith("swa_").hasSize(SecretFormat.LENGTH);
        assertThat(token.get("name").asText()).isEqualTo("build server");
        assertThat(token.get("hint").asText()).isEqualTo(secret.substring(secret.length() - 4));
        assertTokenShape(token, "NEVER_USED");
        // and no later answer shows the secret
        var shown = session.get("/v1/tokens/" + id);
        assertThat(shown.body()).doesNotContain(secret);
        assertThat(shown.json().has("secret")).isFalse();
        assertTokenShape(shown.json(), "NEVER_USED");
        assertThat(session.get("/v1/tokens").body()).doesNotContain(secret);
    }

    protected static void assertTokenShape(JsonNode token, String status) {
        assertThat(token.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "name",
                        "kind",
                        "assignee",
                        "hint",
                        "createdAt",
                        "expiresAt",
                        "lastUsedAt",
                        "lastUse",
                        "revokedAt",
                        "revocationReason",
                        "status",
                        "seat");
        assertThat(token.get("status").asText()).isEqualTo(status);
        assertThat(token.get("seat").fieldNames())
                .toIterable()
                .contains("state", "machineId", "assignedAt", "lastActivityAt", "autoReleaseAt");
        assertThat(token.get("lastUse").fieldNames())
                .toIterable()
                .as("lastUse is always an object, its members null before the first use")
                .contains("machineId", "remoteAddress", "userAgent");
        Instant.parse(token.get("createdAt").asText());
    }

    @Test
    void a_token_without_proper_fields_is_refused_naming_every_bad_field() {
        var session = accountOn(Plan.PRO);
        var reply = session.post("/v1/tokens", "{\"name\":7,\"kind\":\"ADMIN\",\"assignee\":[],\"color\":\"red\"}");
        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertThat(errorFields(reply)).containsExactlyInAnyOrder("color", "name", "kind", "assignee");
        var blank = session.post("/v1/tokens", "{\"name\":\"   \",\"kind\":\"API\"}");
        assertProblem(blank, 400, "VALIDATION_FAILED");
        assertThat(errorFields(blank)).containsExactly("name");
        var past = session.post(
                "/v1/tokens",
                "{\"name\":\"ci\",\"kind\":\"API\",\"expiresAt\":\""
                        + server.clock().instant().minusSeconds(1) + "\"}");
        assertProblem(past, 400, "VALIDATION_FAILED");
        assertThat(errorFields(past)).containsExactly("expiresAt");
        var notATime = session.post("/v1/tokens", "{\"name\":\"ci\",\"kind\":\"API\",\"expiresAt\":\"tomorrow\"}");
        assertThat(errorFields(notATime)).containsExactly("expiresAt");
    }

    @Test
    void integration_tokens_stop_at_the_accounts_limit() {
        var session = accountOn(Plan.PRO);
        createToken(session, "INTEGRATION");
        var reply = session.post("/v1/tokens", "{\"name\":\"second\",\"kind\":\"INTEGRATION\"}");
        assertProblem(reply, 409, "INTEGRATION_TOKEN_LIMIT_REACHED");
    }

    @Test
    void tokens_are_listed_newest_first_and_filtered_by_kind() {
        // given
        var session = accountOn(Plan.PRO);
        var first = createToken(session, "API").get("id").asText();
        server.clock().advance(Duration.ofMinutes(1));
        var second = createToken(session, "INTEGRATION").get("id").asText();
        // when
        var all = session.get("/v1/tokens").json().get("tokens");
        var api = session.get("/v1/tokens?kind=API").json().get("tokens");
        var integration = session.get("/v1/tokens?kind=INTEGRATION").json().get("tokens");
        // then
        assertThat(all).extracting(t -> t.get("id").asText()).containsExactly(second, first);
        assertThat(api).extracting(t -> t.get("id").asText()).containsExactly(first);
        assertThat(integration).extracting(t -> t.get("id").asText()).containsExactly(second);
        for (var bad : List.of("?kind=api", "?kind=", "?kind=ADMIN", "?kind=API&kind=INTEGRATION")) {
            var reply = session.get("/v1/tokens" + bad);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertThat(errorFields(reply)).containsExactly("kind");
        }
    }

    @Test
    void tokens_created_at_the_same_moment_are_listed_by_id_descending() {
        // given three tokens created at one instant (the clock does not move)
        var session = accountOn(Plan.PRO);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(createToken(session, "API").get("id").asText());
        }
        // when
        var listed = session.get("/v1/tokens").json().get("tokens");
        // then the tie is broken by id, descending
        ids.sort(java.util.Comparator.reverseOrder());
        assertThat(listed).extracting(t -> t.get("id").asText()).containsExactlyElementsOf(ids);
    }

    @Test
    void an_id_never_issued_is_not_found_everywhere() {
        var session = accountOn(Plan.PRO);
        assertProblem(session.get("/v1/tokens/tok_nothing"), 404, "TOKEN_NOT_FOUND");
        assertProblem(session.post("/v1/tokens/tok_nothing/revoke", null), 404, "TOKEN_NOT_FOUND");
        assertProblem(session.post("/v1/tokens/tok_nothing/rotate", null), 404, "TOKEN_NOT_FOUND");
        assertProblem(session.post("/v1/tokens/tok_nothing/seat/release", null), 404, "TOKEN_NOT_FOUND");
    }

    @Test
    void another_accounts_token_gets_byte_for_byte_the_answer_of_an_id_never_issued_but_for_instance() {
        // given
        var owner = accountOn(Plan.PRO);
        var other = accountOn(Plan.PRO);
        var id = createToken(owner, "API").get("id").asText();
        for (var suffix : List.of("", "/revoke", "/rotate", "/seat/release")) {
            // when
            var theirs =
                    suffix.isEmpty() ? other.get("/v1/tokens/" + id) : other.post("/v1/tokens/" + id + suffix, null);
            var never = suffix.isEmpty()
                    ? other.get("/v1/tokens/tok_never")
                    : other.post("/v1/tokens/tok_never" + suffix, null);
            // then
            assertProblem(theirs, 404, "TOKEN_NOT_FOUND");
            var withoutInstance = theirs.body().replace("\"instance\":\"/v1/tokens/" + id + suffix + "\"", "");
            var neverWithoutInstance = never.body().replace("\"instance\":\"/v1/tokens/tok_never" + suffix + "\"", "");
            assertThat(withoutInstance).isEqualTo(neverWithoutInstance).doesNotContain("instance");
            assertThat(theirs.headers().keySet()).isEqualTo(never.headers().keySet());
        }
        assertThat(owner.get("/v1/tokens/" + id).json().get("status").asText()).isEqualTo("NEVER_USED");
    }

    @Test
    void revoking_answers_the_revoked_token_and_a_second_revocation_is_a_conflict() {
        var session = accountOn(Plan.PRO);
        var token = createToken(session, "API");
        var id = token.get("id").asText();
        var reply = session.post("/v1/tokens/" + id + "/revoke", null);
        assertThat(reply.status()).isEqualTo(200);
        assertTokenShape(reply.json(), "REVOKED");
        assertThat(reply.json().get("revocationReason").asText()).isEqualTo("OWNER");
        assertThat(reply.json().get("revokedAt").asText())
                .isEqualTo(server.clock().instant().toString());
        assertProblem(session.post("/v1/tokens/" + id + "/revoke", "{}"), 409, "TOKEN_ALREADY_REVOKED");
        assertProblem(verify("/v1/auth/verify", token.get("secret").asText(), "m-1"), 401, "TOKEN_REVOKED");
    }

    @Test
    void rotating_shows_a_new_secret_once_and_the_old_one_stops_after_the_grace() {
        // given
        var session = accountOn(Plan.PRO);
        var token = createToken(session, "API");
        var id = token.get("id").asText();
        var old = token.get("secret").asText();
        // when
        var rotated = session.post("/v1/tokens/" + id + "/rotate", "{\"graceMinutes\":10}");
        // then
        assertThat(rotated.status()).isEqualTo(200);
        var secret = rotated.json().get("secret").asText();
        assertThat(secret).startsWith("swa_").isNotEqualTo(old);
        assertThat(rotated.json().get("id").asText()).isEqualTo(id);
        assertThat(verify("/v1/auth/verify", old, "m-1").status()).isEqualTo(200);
        server.clock().advance(Duration.ofMinutes(10));
        assertThat(verify("/v1/auth/verify", old, "m-1").status()).isEqualTo(401);
        assertThat(verify("/v1/auth/verify", secret, "m-1").status()).isEqualTo(200);
        // and a rotation without a body takes effect at once
        var again = session.post("/v1/tokens/" + id + "/rotate", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(verify("/v1/auth/verify", secret, "m-1").status()).isEqualTo(401);
    }

    @Test
    void a_rotation_with_a_bad_grace_or_of_a_revoked_token_is_refused() {
        var session = accountOn(Plan.PRO);
        var id = createToken(session, "API").get("id").asText();
        for (var bad : List.of(
                "{\"graceMinutes\":1441}",
                "{\"graceMinutes\":-1}",
                "{\"graceMinutes\":\"5\"}",
                "{\"graceMinutes\":1.5}",
                "{\"graceMinutes\":99999999999999999999}",
                "{\"grace\":5}")) {
            var reply = session.post("/v1/tokens/" + id + "/rotate", bad);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertThat(errorFields(reply)).hasSize(1);
        }
        session.post("/v1/tokens/" + id + "/revoke", null);
        assertProblem(session.post("/v1/tokens/" + id + "/rotate", "{\"graceMinutes\":0}"), 409, "TOKEN_REVOKED");
    }

    @Test
    void releasing_frees_the_seat_once_a_day() {
        // given a token whose seat a machine holds
        var session = accountOn(Plan.PRO);
        var token = createToken(session, "API");
        var id = token.get("id").asText();
        var secret = token.get("secret").asText();
        assertProblem(session.post("/v1/tokens/" + id + "/seat/release", null), 409, "SEAT_NOT_ASSIGNED");
        verify("/v1/auth/verify", secret, "machine-a");
        // when
        var released = session.post("/v1/tokens/" + id + "/seat/release", null);
        // then
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("seat").get("state").asText()).isEqualTo("FREE");
        assertThat(session.get("/v1/account")
                        .json()
                        .get("seatRelease")
                        .get("nextReleaseAt")
                        .asText())
                .isEqualTo(server.clock().instant().plus(Duration.ofHours(24)).toString());
        // and a second release within 24 hours is rate-limited
        verify("/v1/auth/verify", secret, "machine-b");
        server.clock().advance(Duration.ofHours(1));
        var limited = session.post("/v1/tokens/" + id + "/seat/release", null);
        assertProblem(limited, 429, "SEAT_RELEASE_RATE_LIMITED");
        assertThat(limited.header("Retry-After"))
                .isEqualTo(String.valueOf(Duration.ofHours(23).toSeconds()));
        assertThat(Instant.parse(limited.json().get("retryAt").asText()))
                .isEqualTo(server.clock().instant().plus(Duration.ofHours(23)));
        // and the seat of a revoked token is not released
        session.post("/v1/tokens/" + id + "/revoke", null);
        assertProblem(session.post("/v1/tokens/" + id + "/seat/release", null), 409, "TOKEN_REVOKED");
    }

    @Test
    void the_audit_log_is_paged_newest_first() {
        // given
        var session = accountOn(Plan.PRO);
        var id = createToken(session, "API").get("id").asText();
        session.post("/v1/tokens/" + id + "/revoke", null);
        // when
        var first = session.get("/v1/audit-events?limit=1");
        // then
        assertThat(first.status()).isEqualTo(200);
        var event = first.json().get("events").get(0);
        assertThat(event.get("type").asText()).isEqualTo("TOKEN_REVOKED");
        assertThat(event.get("tokenId").asText()).isEqualTo(id);
        assertThat(event.get("detail").asText()).isEqualTo("OWNER");
        assertThat(event.has("machineId")).isTrue();
        Instant.parse(event.get("at").asText());
        var next = first.json().get("next").asText();
        var all = new ArrayList<String>();
        var page = session.get("/v1/audit-events?limit=1&before=" + next).json();
        all.add(page.get("events").get(0).get("type").asText());
        while (!page.get("next").isNull()) {
            page = session.get("/v1/audit-events?limit=1&before="
                            + page.get("next").asText())
                    .json();
            all.add(page.get("events").get(0).get("type").asText());
        }
        assertThat(all).containsExactly("TOKEN_CREATED", "ACCOUNT_CREATED");
        assertThat(session.get("/v1/audit-events").json().get("events")).hasSize(3);
        // and bad paging is refused naming the parameter
        for (var bad : List.of("limit=0", "limit=201", "limit=x", "limit=1.5", "limit=")) {
            var reply = session.get("/v1/audit-events?" + bad);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertThat(errorFields(reply)).containsExactly("limit");
        }
        var badCursor = session.get("/v1/audit-events?before=not-a-cursor");
        assertProblem(badCursor, 400, "VALIDATION_FAILED");
        assertThat(errorFields(badCursor)).containsExactly("before");
    }

    // ---- verification --------------------------------------------------------------------------

    @Test
    void verifying_assigns_the_seat_and_records_where_it_came_from() {
        // given
        var session = accountOn(Plan.PRO);
        var token = createToken(session, "API");
        var secret = token.get("secret").asText();
        // when
        var first = verify("/v1/auth/verify", secret, "machine-a");
        var second = http.call("POST", "/v1/auth/verify")
                .header("Authorization", "bEaReR " + secret)
                .header("X-Machine-Id", "machine-a")
                .send();
        // then
        assertThat(first.status()).isEqualTo(200);
        var body = first.json();
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("tokenId").asText()).isEqualTo(token.get("id").asText());
        assertThat(body.get("accountId").asText()).startsWith("acc_");
        assertThat(body.get("kind").asText()).isEqualTo("API");
        assertThat(body.get("seat").get("machineId").asText()).isEqualTo("machine-a");
        assertThat(body.get("seat").get("assignment").asText()).isEqualTo("NEW");
        assertThat(Instant.parse(body.get("seat").get("autoReleaseAt").asText()))
                .isEqualTo(server.clock().instant().plus(Duration.ofDays(14)));
        assertThat(second.json().get("seat").get("assignment").asText()).isEqualTo("CONTINUING");
        var shown = session.get("/v1/tokens/" + token.get("id").asText()).json();
        assertThat(shown.get("status").asText()).isEqualTo("IN_RECENT_USE");
        assertThat(shown.get("lastUse").get("machineId").asText()).isEqualTo("machine-a");
        assertThat(shown.get("lastUse").get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(shown.get("lastUse").get("userAgent").asText()).isEqualTo("seatwarden-cli/1.0");
        assertThat(shown.get("seat").get("state").asText()).isEqualTo("ASSIGNED");
    }

    @Test
    void the_integration_surface_takes_integration_tokens_only() {
        var session = accountOn(Plan.PRO);
        var integration = createToken(session, "INTEGRATION").get("secret").asText();
        var api = createToken(session, "API").get("secret").asText();
        var ok = verify("/v1/integrations/verify", integration, "plugin-host");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("kind").asText()).isEqualTo("INTEGRATION");
        assertProblem(verify("/v1/integrations/verify", api, "plugin-host"), 403, "TOKEN_KIND_MISMATCH");
        assertProblem(verify("/v1/auth/verify", integration, "plugin-host"), 403, "TOKEN_KIND_MISMATCH");
    }

    @Test
    void every_verification_refusal_has_its_status_and_401s_ask_for_a_bearer_token() {
        var session = accountOn(Plan.PRO);
        var secret = createToken(session, "API").get("secret").asText();
        var missing = List.of(
                verify("/v1/auth/verify", null, "m"),
                http.call("POST", "/v1/auth/verify")
                        .header("Authorization", "Basic " + secret)
                        .send(),
                http.call("POST", "/v1/auth/verify")
                        .header("Authorization", "Bearer ")
                        .send());
        for (var reply : missing) {
            assertProblem(reply, 401, "TOKEN_MISSING");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        var malformed = verify("/v1/auth/verify", "swa_nonsense", "m");
        assertProblem(malformed, 401, "TOKEN_MALFORMED");
        assertThat(malformed.header("WWW-Authenticate")).isEqualTo("Bearer");
        var unknown = verify("/v1/auth/verify", unknownSecret("swa_"), "m");
        assertProblem(unknown, 401, "TOKEN_UNKNOWN");
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(verify("/v1/auth/verify", secret, null), 400, "MACHINE_ID_INVALID");
        assertProblem(verify("/v1/auth/verify", secret, "has space"), 400, "MACHINE_ID_INVALID");
        assertProblem(verify("/v1/auth/verify", secret, "x".repeat(129)), 400, "MACHINE_ID_INVALID");
    }

    @Test
    void an_expired_token_is_refused_with_401() {
        var session = accountOn(Plan.PRO);
        var expiry = server.clock().instant().plus(Duration.ofHours(1));
        var reply =
                session.post("/v1/tokens", "{\"name\":\"short\",\"kind\":\"API\",\"expiresAt\":\"" + expiry + "\"}");
        assertThat(reply.json().get("expiresAt").asText()).isEqualTo(expiry.toString());
        server.clock().advance(Duration.ofHours(1));
        var refused = verify("/v1/auth/verify", reply.json().get("secret").asText(), "m");
        assertProblem(refused, 401, "TOKEN_EXPIRED");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void a_verification_checks_its_token_before_its_body_and_its_body_before_the_seat() {
        // given an API token
        var session = accountOn(Plan.PRO);
        var secret = createToken(session, "API").get("secret").asText();

        // when a body that is not a JSON object comes without a token, or with a malformed one
        var noToken = http.call("POST", "/v1/auth/verify")
                .header("X-Machine-Id", "machine-a")
                .json("[1]")
                .send();
        var wrongType = http.call("POST", "/v1/auth/verify")
                .header("Authorization", "Bearer swa_not-a-secret")
                .header("X-Machine-Id", "machine-a")
                .header("Content-Type", "text/plain")
                .body("x".getBytes(StandardCharsets.UTF_8))
                .send();
        // then the token's refusal comes first (authentication before body, rest-api.md)
        assertProblem(noToken, 401, "TOKEN_MISSING");
        assertProblem(wrongType, 401, "TOKEN_MALFORMED");

        // when the token is good but the body is not
        var badBody = http.call("POST", "/v1/auth/verify")
                .header("Authorization", "Bearer " + secret)
                .header("X-Machine-Id", "machine-a")
                .json("[1]")
                .send();
        // then the body is refused, and the seat stays free for the next verification
        assertProblem(badBody, 400, "MALFORMED_JSON");
        assertThat(verify("/v1/auth/verify", secret, "machine-b")
                        .json()
                        .path("seat")
                        .path("assignment")
                        .asText())
                .isEqualTo("NEW");
    }

    @Test
    void an_account_that_lost_eligibility_cannot_verify_until_it_regains_it() {
        var session = accountOn(Plan.PRO);
        var secret = createToken(session, "API").get("secret").asText();
        server.changeAccount(session.email(), Option.some(Plan.STARTER), Option.none(), Option.none());
        assertProblem(verify("/v1/auth/verify", secret, "m"), 403, "PLAN_NOT_ELIGIBLE");
        server.changeAccount(session.email(), Option.some(Plan.PRO), Option.some(Subscription.LAPSED), Option.none());
        assertProblem(verify("/v1/auth/verify", secret, "m"), 403, "SUBSCRIPTION_INACTIVE");
        server.changeAccount(session.email(), Option.none(), Option.some(Subscription.ACTIVE), Option.none());
        assertThat(verify("/v1/auth/verify", secret, "m").status()).isEqualTo(200);
    }

    @Test
    void a_seat_held_by_another_machine_is_refused_with_its_auto_release_time() {
        var session = accountOn(Plan.PRO);
        var secret = createToken(session, "API").get("secret").asText();
        verify("/v1/auth/verify", secret, "machine-a");
        server.clock().advance(Duration.ofDays(1));
        var refused = verify("/v1/auth/verify", secret, "machine-b");
        assertProblem(refused, 409, "SEAT_ASSIGNED_TO_OTHER_MACHINE");
        assertThat(Instant.parse(refused.json().get("autoReleaseAt").asText()))
                .isEqualTo(server.clock().instant().plus(Duration.ofDays(13)));
        assertThat(refused.body()).doesNotContain("machine-a");
    }

    @Test
    void twenty_refused_secrets_within_a_minute_slow_down_every_verification_from_that_address() {
        // given
        var session = accountOn(Plan.PRO);
        var secret = createToken(session, "API").get("secret").asText();
        for (int i = 0; i < 19; i++) {
            assertThat(verify(i % 2 == 0 ? "/v1/auth/verify" : "/v1/integrations/verify", "bad", "m")
                            .status())
                    .isEqualTo(401);
            server.clock().advance(Duration.ofSeconds(1));
        }
        assertThat(verify("/v1/auth/verify", secret, "m").status()).isEqualTo(200);
        assertThat(verify("/v1/auth/verify", null, "m").status()).isEqualTo(401);
        // when the twentieth refusal lies in the minute, even a valid request is refused
        var throttled = verify("/v1/auth/verify", secret, "m");
        // then
        assertProblem(throttled, 429, "TOO_MANY_ATTEMPTS");
        assertThat(throttled.header("Retry-After")).isEqualTo("41");
        assertProblem(verify("/v1/integrations/verify", secret, "m"), 429, "TOO_MANY_ATTEMPTS");
        server.clock().advance(Duration.ofSeconds(40));
        assertThat(verify("/v1/auth/verify", secret, "m").status()).isEqualTo(429);
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(verify("/v1/auth/verify", secret, "m").status()).isEqualTo(200);
    }

    @Test
    void only_401_refusals_count_towards_slowing_an_address_down() {
        // given refusals that are not 401s: a bad machine id (400) and the wrong kind of token (403)
        var session = accountOn(Plan.PRO);
        var api = createToken(session, "API").get("secret").asText();
        for (int i = 0; i < 20; i++) {
            assertProblem(verify("/v1/auth/verify", api, "has space"), 400, "MACHINE_ID_INVALID");
            assertProblem(verify("/v1/integrations/verify", api, "m"), 403, "TOKEN_KIND_MISMATCH");
        }
        // when nineteen 401s follow, then a valid request is still answered
        for (int i = 0; i < 19; i++) {
            assertThat(verify("/v1/auth/verify", "bad", "m").status()).isEqualTo(401);
        }
        assertThat(verify("/v1/auth/verify", api, "m").status()).isEqualTo(200);
        // and the twentieth 401 is the one that slows the address down
        assertThat(verify("/v1/auth/verify", "bad", "m").status()).isEqualTo(401);
        assertProblem(verify("/v1/auth/verify", api, "m"), 429, "TOO_MANY_ATTEMPTS");
    }

    // ---- leak reports --------------------------------------------------------------------------

    @Test
    void a_leak_report_revokes_known_secrets_and_answers_the_same_whatever_was_sent() {
        // given
        var session = accountOn(Plan.PRO);
        var token = createToken(session, "API");
        var secret = token.get("secret").asText();
        // when
        var reply = http.call("POST", "/v1/credentials/revoke")
                .json("{\"secrets\":[\"" + secret + "\",\"nonsense\",\"" + unknownSecret("swi_") + "\"]}")
                .send();
        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("received").asInt()).isEqualTo(3);
        var shown = session.get("/v1/tokens/" + token.get("id").asText()).json();
        assertThat(shown.get("status").asText()).isEqualTo("REVOKED");
        assertThat(shown.get("revocationReason").asText()).isEqualTo("LEAKED");
        assertProblem(verify("/v1/auth/verify", secret, "m"), 401, "TOKEN_REVOKED");
    }

    @Test
    void a_leak_report_of_no_or_too_many_or_mistyped_secrets_is_refused() {
        var tooMany = new StringBuilder("{\"secrets\":[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        tooMany.append("]}");
        for (var bad :
                List.of("{\"secrets\":[]}", tooMany.toString(), "{\"secrets\":[1]}", "{\"secrets\":\"s\"}", "{}")) {
            var reply = http.call("POST", "/v1/credentials/revoke").json(bad).send();
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertThat(errorFields(reply)).containsExactly("secrets");
            server.clock().advance(Duration.ofMinutes(13));
        }
    }

    @Test
    void the_eleventh_leak_report_within_an_hour_is_refused_and_refused_calls_do_not_count() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.call("POST", "/v1/credentials/revoke")
                            .json("{\"secrets\":[\"x\"]}")
                            .send()
                            .status())
                    .isEqualTo(202);
            server.clock().advance(Duration.ofMinutes(1));
        }
        var refused = http.call("POST", "/v1/credentials/revoke")
                .json("{\"secrets\":[\"x\"]}")
                .send();
        assertProblem(refused, 429, "TOO_MANY_ATTEMPTS");
        assertThat(refused.header("Retry-After"))
                .isEqualTo(String.valueOf(Duration.ofMinutes(50).toSeconds()));
        // refused calls in between do not push the window
        server.clock().advance(Duration.ofMinutes(49));
        assertThat(http.call("POST", "/v1/credentials/revoke")
                        .json("{\"secrets\":[\"x\"]}")
                        .send()
                        .status())
                .isEqualTo(429);
        server.clock().advance(Duration.ofMinutes(1));
        assertThat(http.call("POST", "/v1/credentials/revoke")
                        .json("{\"secrets\":[\"x\"]}")
                        .send()
                        .status())
                .isEqualTo(202);
    }

    // ---- operations ----------------------------------------------------------------------------

    @Test
    void the_operations_paths_answer() {
        var health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("database").asText()).isEqualTo("UP");
        var live = http.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        var openApi = http.get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.header("Content-Type")).startsWith("application/json");
        assertThat(openApi.json().get("openapi").asText()).startsWith("3.1");
        var dashboard = http.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.header("Content-Type").replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertDashboardHeaders(dashboard);
        assertThat(dashboard.body()).contains("/openapi.json", "/dashboard/app.js", "/dashboard/style.css");
    }

    /** The dashboard's files come from the server alone: no inline script, no framing, no referrer. */
    private static void assertDashboardHeaders(Reply page) {
        var policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void the_dashboards_files_are_served_with_their_types_and_nothing_else_is() {
        var script = http.get("/dashboard/app.js");
        var style = http.get("/dashboard/style.css");

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type").replace(" ", "")).isEqualTo("text/javascript;charset=utf-8");
        assertDashboardHeaders(script);
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type").replace(" ", "")).isEqualTo("text/css;charset=utf-8");
        for (var path : List.of(
                "/dashboard/nothing.js",
                "/dashboard/index.html",
                "/dashboard/..%2Fopenapi.json",
                "/dashboard/%2e%2e%2fopenapi.json",
                "/dashboard/App.js",
                "/dashboard/app.js.map")) {
            var refused = http.get(path);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void the_account_answer_gives_a_reloaded_page_the_sessions_csrf_token() {
        var session = accountOn(Plan.PRO);
        // a reloaded page has the cookie, not the CSRF token
        var reloaded = new Session(http, session.email(), session.cookie(), "");

        var csrf = reloaded.get("/v1/account").json().get("csrfToken").asText();

        assertThat(csrf).isEqualTo(session.csrf());
        var created = new Session(http, session.email(), session.cookie(), csrf)
                .post("/v1/tokens", "{\"name\":\"after reload\",\"kind\":\"API\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(accountOn(Plan.PRO)
                        .get("/v1/account")
                        .json()
                        .get("csrfToken")
                        .asText())
                .isNotEqualTo(csrf);
    }

    // ---- protocol ------------------------------------------------------------------------------

    @Test
    void an_unknown_path_is_a_404_problem() {
        for (var path : List.of("/nothing", "/v1/tokens/", "/v1//account", "/v1/tokens/x/y", "/v1/ACCOUNT")) {
            var reply = http.get(path);
            assertProblem(reply, 404, "NOT_FOUND");
            assertThat(reply.json().get("instance").asText()).isEqualTo(path);
        }
    }

    @Test
    void a_known_path_with_a_wrong_method_is_a_405_with_allow_whoever_asks() {
        assertProblem(http.call("PUT", "/v1/account").send(), 405, "METHOD_NOT_ALLOWED");
        assertThat(http.call("PUT", "/v1/account").send().header("Allow")).isEqualTo("GET");
        assertThat(http.call("GET", "/v1/session").send().header("Allow")).isEqualTo("POST, DELETE");
        assertThat(http.call("DELETE", "/v1/tokens").send().header("Allow")).isEqualTo("POST, GET");
        assertThat(http.call("GET", "/v1/auth/verify").send().header("Allow")).isEqualTo("POST");
        assertProblem(http.call("PATCH", "/v1/tokens/tok_1").send(), 405, "METHOD_NOT_ALLOWED");
        var overridden = http.call("POST", "/v1/account")
                .header("X-HTTP-Method-Override", "GET")
                .send();
        assertProblem(overridden, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void bodies_over_16_kib_are_refused_with_a_length_or_chunked() {
        var session = accountOn(Plan.PRO);
        var big = ("{\"name\":\"" + "a".repeat(16_400) + "\",\"kind\":\"API\"}").getBytes(StandardCharsets.UTF_8);
        var withLength = session.signed("POST", "/v1/tokens")
                .header("Content-Type", "application/json")
                .body(big)
                .send();
        var chunked = session.signed("POST", "/v1/tokens")
                .header("Content-Type", "application/json")
                .chunked(big)
                .send();
        assertProblem(withLength, 413, "PAYLOAD_TOO_LARGE");
        assertProblem(chunked, 413, "PAYLOAD_TOO_LARGE");
        // exactly 16384 bytes is allowed
        var padding = 16_384 - "{\"name\":\"ci\",\"kind\":\"API\",\"x\":\"\"}".length();
        var exact = ("{\"name\":\"ci\",\"kind\":\"API\",\"x\":\"" + "b".repeat(padding) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(exact).hasSize(16_384);
        var atLimit = session.signed("POST", "/v1/tokens")
                .header("Content-Type", "application/json")
                .chunked(exact)
                .send();
        assertProblem(atLimit, 400, "VALIDATION_FAILED");
    }

    @Test
    void a_wrong_content_type_is_refused_before_the_size_of_the_body() {
        // the order of checks: 415, then 413, then 400
        var session = accountOn(Plan.PRO);
        var big = ("{\"name\":\"" + "a".repeat(16_400) + "\",\"kind\":\"API\"}").getBytes(StandardCharsets.UTF_8);
        var reply = session.signed("POST", "/v1/tokens")
                .header("Content-Type", "text/plain")
                .body(big)
                .send();
        assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_body_must_be_a_json_object_in_utf_8_with_its_content_type() {
        var session = accountOn(Plan.PRO);
        for (var type : List.of("text/plain", "application/json; charset=iso-8859-1", "application/xml")) {
            var reply = session.signed("POST", "/v1/tokens")
                    .header("Content-Type", type)
                    .body("{\"name\":\"ci\",\"kind\":\"API\"}".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        var noType = http.call("POST", "/v1/credentials/revoke")
                .body("{\"secrets\":[\"x\"]}".getBytes(StandardCharsets.UTF_8))
                .send();
        assertProblem(noType, 415, "UNSUPPORTED_MEDIA_TYPE");
        for (var type :
                List.of("application/json", "APPLICATION/JSON; Charset=UTF-8", "application/json;charset=utf-8")) {
            var reply = session.signed("POST", "/v1/tokens")
                    .header("Content-Type", type)
                    .body("{\"name\":\"ci\",\"kind\":\"API\"}".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertThat(reply.status()).isEqualTo(201);
        }
        for (var malformed : List.of("null", "[]", "\"x\"", "5", "{", "{\"name\":\"a\"} x", "{\"a\":1,\"a\":2}")) {
            assertProblem(session.post("/v1/tokens", malformed), 400, "MALFORMED_JSON");
        }
        // a POST that takes no body takes an empty object, not other fields
        var id = createToken(session, "API").get("id").asText();
        assertProblem(session.post("/v1/tokens/" + id + "/revoke", "[]"), 400, "MALFORMED_JSON");
        assertProblem(session.post("/v1/tokens/" + id + "/revoke", "{\"now\":true}"), 400, "VALIDATION_FAILED");
        assertThat(session.post("/v1/tokens/" + id + "/revoke", "{}").status()).isEqualTo(200);
    }

    @Test
    void every_answer_carries_a_request_id_no_server_header_and_no_caching() {
        var echoed = http.call("GET", "/health/live")
                .header("X-Request-Id", "trace-42 abc")
                .send();
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42 abc");
        var tooLong = http.call("GET", "/health/live")
                .header("X-Request-Id", "x".repeat(129))
                .send();
        assertThat(tooLong.header("X-Request-Id")).isNotBlank().isNotEqualTo("x".repeat(129));
        var longest = http.call("GET", "/health/live")
                .header("X-Request-Id", "y".repeat(128))
                .send();
        assertThat(longest.header("X-Request-Id"))
                .as("128 characters is allowed")
                .isEqualTo("y".repeat(128));
        var none = http.get("/nothing");
        var other = http.get("/nothing");
        assertThat(none.header("X-Request-Id")).isNotBlank().isNotEqualTo(other.header("X-Request-Id"));
        for (var reply : List.of(echoed, tooLong, none, http.get("/v1/account"), http.get("/health"))) {
            assertThat(reply.header("Server")).isNull();
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }
}
