package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.rest.contract.Http;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /health} follows the database; {@code GET /health/live} does not look at it. */
class HealthTest {

    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final InMemoryServer server =
            new InMemoryServer(RestSettings.defaults().withPort(0), rest -> rest.withDatabaseUp(databaseUp::get));
    private final Http http = new Http(server.baseUri());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void health_is_503_down_while_the_database_does_not_answer_and_up_again_after() {
        // Given a database that answers
        var up = http.get("/health");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("status").asText()).isEqualTo("UP");
        assertThat(up.json().get("database").asText()).isEqualTo("UP");

        // When it stops answering
        databaseUp.set(false);
        var down = http.get("/health");
        var live = http.get("/health/live");

        // Then health says DOWN with 503, while liveness, which touches nothing, stays UP
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Content-Type")).startsWith("application/json");
        assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(down.json().get("database").asText()).isEqualTo("DOWN");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");

        // And when it answers again, so does health
        databaseUp.set(true);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}
