package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatwarden.application.port.in.VerificationResult;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The kept bodies of steady-state verifications are the bodies rest-api.md asks for, per result. */
class VerifiedAnswersTest {

    private final VerifiedAnswers answers = new VerifiedAnswers();

    @Test
    void a_steady_state_answer_is_written_once_and_answered_again_for_an_equal_result() throws Exception {
        var first = answers.body(result("build-1", Assignment.CONTINUING, "2026-12-13T10:00:00Z"));
        var again = answers.body(result("build-1", Assignment.CONTINUING, "2026-12-13T10:00:00Z"));

        assertThat(again).isSameAs(first);
        var json = new ObjectMapper().readTree(again);
        assertThat(json.path("valid").asBoolean()).isTrue();
        assertThat(json.path("accountId").asText()).isEqualTo("acc_1");
        assertThat(json.path("tokenId").asText()).isEqualTo("tok_1");
        assertThat(json.path("kind").asText()).isEqualTo("API");
        assertThat(json.path("seat").path("machineId").asText()).isEqualTo("build-1");
        assertThat(json.path("seat").path("assignment").asText()).isEqualTo("CONTINUING");
        assertThat(json.path("seat").path("autoReleaseAt").asText()).isEqualTo("2026-12-13T10:00:00Z");
    }

    @Test
    void a_result_that_differs_in_any_field_gets_its_own_body() throws Exception {
        var kept = answers.body(result("build-1", Assignment.CONTINUING, "2026-12-13T10:00:00Z"));

        // the minute's refresh of the last use moves autoReleaseAt (R10, R13)
        var refreshed = answers.body(result("build-1", Assignment.CONTINUING, "2026-12-13T10:01:30Z"));
        var otherMachine = answers.body(result("build-2", Assignment.CONTINUING, "2026-12-13T10:00:00Z"));

        assertThat(new ObjectMapper()
                        .readTree(refreshed)
                        .path("seat")
                        .path("autoReleaseAt")
                        .asText())
                .isEqualTo("2026-12-13T10:01:30Z");
        assertThat(new ObjectMapper()
                        .readTree(otherMachine)
                        .path("seat")
                        .path("machineId")
                        .asText())
                .isEqualTo("build-2");
        assertThat(answers.body(result("build-1", Assignment.CONTINUING, "2026-12-13T10:00:00Z")))
                .isSameAs(kept);
    }

    @Test
    void a_first_use_or_reactivation_is_written_each_time_and_not_kept() throws Exception {
        for (var assignment : new Assignment[] {Assignment.NEW, Assignment.REACTIVATED}) {
            var first = answers.body(result("build-1", assignment, "2026-12-13T10:00:00Z"));
            var again = answers.body(result("build-1", assignment, "2026-12-13T10:00:00Z"));

            assertThat(again).isNotSameAs(first).isEqualTo(first);
            assertThat(new ObjectMapper()
                            .readTree(first)
                            .path("seat")
                            .path("assignment")
                            .asText())
                    .isEqualTo(assignment.name());
        }
    }

    private static VerificationResult result(String machine, Assignment assignment, String autoReleaseAt) {
        return new VerificationResult(
                new AccountId("acc_1"),
                new TokenId("tok_1"),
                TokenKind.API,
                new MachineId(machine),
                assignment,
                Instant.parse(autoReleaseAt));
    }
}
