package dev.seatwarden.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.ListAuditEventsUseCase;
import dev.seatwarden.application.testing.TestApplication;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The product document's story, driven through the real use cases over in-memory adapters: one
 * token's life from creation to a new machine, and the short stories of each rule around it.
 */
class TokenLifecycleScenarioTest {

    private static final String MACHINE_A = "workstation-A";
    private static final String MACHINE_B = "render-node-B";

    private final TestApplication app = TestApplication.start();

    @Test
    void an_api_token_moves_from_machine_A_to_machine_B_as_the_product_document_tells() {
        // Given a PRO account with a new API token
        var pro = app.accountOn(Plan.PRO);
        var token = app.createApiToken(pro.id());
        var id = token.token().id();
        assertThat(token.secret().reveal()).startsWith("swa_");
        assertThat(app.token(pro.id(), id).status()).isEqualTo(TokenStatus.NEVER_USED);

        // When machine A verifies first, the seat is A's
        var first = app.verify(token, MACHINE_A).get();
        assertThat(first.assignment()).isEqualTo(Assignment.NEW);
        assertThat(first.machine()).isEqualTo(new MachineId(MACHINE_A));

        // A keeps working; its activity three hours later is recorded
        app.advance(Duration.ofHours(3));
        var aLastActive = app.now();
        assertThat(app.verify(token, MACHINE_A).get().assignment()).isEqualTo(Assignment.CONTINUING);

        // Then machine B is refused, and told when the seat would free itself, not who holds it
        app.advance(Duration.ofMinutes(10));
        var refused = app.verify(token, MACHINE_B).getLeft();
        assertThat(refused).isEqualTo(new Refusal.SeatAssignedToOtherMachine(aLastActive.plus(Duration.ofDays(14))));
        assertThat(refused.toString()).doesNotContain(MACHINE_A);

        // When the owner releases the seat
        var released = app.release(pro.id(), id).get();
        var releasedAt = app.now();
        assertThat(released.seat().assigned()).isFalse();

        // And A verifies again before B does: the seat goes back to A, and the answer says so (R15)
        app.advance(Duration.ofMinutes(5));
        var reactivatedAt = app.now();
        var again = app.verify(token, MACHINE_A).get();
        assertThat(again.assignment()).isEqualTo(Assignment.REACTIVATED);
        assertThat(newest(app.auditEvents(pro.id()), EventType.SEAT_REACTIVATED).machineId())
                .contains(new MachineId(MACHINE_A));

        // Then the next manual release is refused until 24 hours after the re-activation
        var retryAt = reactivatedAt.plus(Duration.ofHours(24));
        assertThat(app.release(pro.id(), id).getLeft()).isEqualTo(new Refusal.SeatReleaseRateLimited(retryAt));
        assertThat(app.account(pro.id()).nextReleaseAt()).contains(retryAt);
        app.clock().set(releasedAt.plus(Duration.ofHours(24)));
        assertThat(app.release(pro.id(), id).getLeft())
                .as("24 hours after the release, the re-activation still counts")
                .isEqualTo(new Refusal.SeatReleaseRateLimited(retryAt));
        app.clock().set(retryAt.minusSeconds(1));
        assertThat(app.release(pro.id(), id).getLeft()).isEqualTo(new Refusal.SeatReleaseRateLimited(retryAt));
        assertThat(newest(app.auditEvents(pro.id()), EventType.SEAT_RELEASE_REFUSED)
                        .tokenId())
                .contains(id);

        // When A stays inactive for 14 days after its re-activation
        var aLastActivity = app.token(pro.id(), id).seat().lastActivityAt().get();
        assertThat(aLastActivity).isEqualTo(reactivatedAt);
        app.clock().set(aLastActivity.plus(Duration.ofDays(14)).minusSeconds(1));
        assertThat(app.verify(token, MACHINE_B).getLeft()).isInstanceOf(Refusal.SeatAssignedToOtherMachine.class);
        app.clock().set(aLastActivity.plus(Duration.ofDays(14)));

        // Then B verifies and gets the seat as a new assignment
        var moved = app.verify(token, MACHINE_B).get();
        assertThat(moved.assignment()).isEqualTo(Assignment.NEW);
        assertThat(app.token(pro.id(), id).seat().machine()).contains(new MachineId(MACHINE_B));
        var events = app.auditEvents(pro.id());
        assertThat(events.take(2).map(AuditEventView::type))
                .containsExactly(EventType.SEAT_ASSIGNED, EventType.SEAT_RELEASED);
        assertThat(events.get(1).detail()).contains("AUTO");
        assertThat(events.get(1).machineId()).contains(new MachineId(MACHINE_A));
    }

    @Nested
    class Eligibility {

        @Test
        void a_starter_account_cannot_create_tokens_of_either_kind() {
            var starter = app.accountOn(Plan.STARTER);

            assertThat(app.tryCreateToken(starter.id(), TokenKind.API, "cli").getLeft())
                    .isEqualTo(new Refusal.PlanNotEligible());
            assertThat(app.tryCreateToken(starter.id(), TokenKind.INTEGRATION, "plugin")
                            .getLeft())
                    .isEqualTo(new Refusal.PlanNotEligible());
            assertThat(app.account(starter.id()).canCreateTokens()).isFalse();
        }

        @Test
        void a_lapsed_subscription_stops_creation_and_use_and_renewing_brings_the_same_tokens_back() {
            // Given a PRO account whose token is in use
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            assertThat(app.verify(token, MACHINE_A).isRight()).isTrue();

            // When its subscription lapses
            app.lapse(pro);

            // Then it can neither create nor use tokens, yet nothing is revoked (R2)
            assertThat(app.tryCreateToken(pro.id(), TokenKind.API, "another").getLeft())
                    .isEqualTo(new Refusal.SubscriptionInactive());
            assertThat(app.verify(token, MACHINE_A).getLeft()).isEqualTo(new Refusal.SubscriptionInactive());
            assertThat(app.token(pro.id(), token.token().id()).status()).isNotEqualTo(TokenStatus.REVOKED);

            // When it renews on the STARTER plan, the plan is the reason now
            app.renew(app.changePlan(pro, Plan.STARTER));
            assertThat(app.verify(token, MACHINE_A).getLeft()).isEqualTo(new Refusal.PlanNotEligible());

            // Then back on PRO the very same token verifies again, on its seat
            app.changePlan(pro, Plan.PRO);
            assertThat(app.verify(token, MACHINE_A).get().assignment()).isEqualTo(Assignment.CONTINUING);
            assertThat(newest(app.auditEvents(pro.id()), EventType.VERIFICATION_REFUSED)
                            .detail())
                    .contains("PLAN_NOT_ELIGIBLE");
        }
    }

    @Nested
    class IntegrationSlots {

        @Test
        void a_pro_account_holds_one_integration_token_and_revoking_it_frees_the_slot_at_once() {
            var pro = app.accountOn(Plan.PRO);
            var plugin = app.createIntegrationToken(pro.id());

            assertThat(app.tryCreateToken(pro.id(), TokenKind.INTEGRATION, "second plugin")
                            .getLeft())
                    .isEqualTo(new Refusal.IntegrationTokenLimitReached(1));
            for (int i = 0; i < 3; i++) {
                app.createApiToken(pro.id()); // API tokens have no limit
            }
            assertThat(app.account(pro.id()).integrationTokensInUse()).isEqualTo(1);

            app.revoke(pro.id(), plugin.token().id()).get();

            assertThat(app.account(pro.id()).integrationTokensInUse()).isZero();
            assertThat(app.tryCreateToken(pro.id(), TokenKind.INTEGRATION, "second plugin")
                            .isRight())
                    .isTrue();
        }

        @Test
        void lowering_the_limit_revokes_nothing_but_refuses_new_ones_until_under_it() {
            var enterprise = app.accountOn(Plan.ENTERPRISE);
            var first = app.createIntegrationToken(enterprise.id());
            var second = app.createIntegrationToken(enterprise.id());
            var third = app.createIntegrationToken(enterprise.id());

            app.setIntegrationLimit(enterprise, 2);

            assertThat(app.verify(third, MACHINE_A).isRight()).isTrue();
            assertThat(app.tryCreateToken(enterprise.id(), TokenKind.INTEGRATION, "fourth")
                            .getLeft())
                    .isEqualTo(new Refusal.IntegrationTokenLimitReached(2));
            app.revoke(enterprise.id(), first.token().id()).get();
            assertThat(app.tryCreateToken(enterprise.id(), TokenKind.INTEGRATION, "fourth")
                            .getLeft())
                    .as("two still held, the limit is two")
                    .isEqualTo(new Refusal.IntegrationTokenLimitReached(2));
            app.revoke(enterprise.id(), second.token().id()).get();
            assertThat(app.tryCreateToken(enterprise.id(), TokenKind.INTEGRATION, "fourth")
                            .isRight())
                    .isTrue();
        }

        @Test
        void an_expired_integration_token_no_longer_holds_its_slot() {
            var pro = app.accountOn(Plan.PRO);
            app.createExpiringToken(pro.id(), TokenKind.INTEGRATION, app.now().plus(Duration.ofDays(1)));

            app.advance(Duration.ofDays(1));

            assertThat(app.account(pro.id()).integrationTokensInUse()).isZero();
            assertThat(app.tryCreateToken(pro.id(), TokenKind.INTEGRATION, "replacement")
                            .isRight())
                    .isTrue();
        }
    }

    @Nested
    class LeakReport {

        @Test
        void each_known_secret_reported_is_revoked_as_leaked_and_the_answer_counts_the_strings() {
            // Given two accounts' tokens, one in use
            var one = app.accountOn(Plan.PRO);
            var other = app.accountOn(Plan.ENTERPRISE);
            var leaked = app.createApiToken(one.id());
            var alsoLeaked = app.createIntegrationToken(other.id());
            var kept = app.createApiToken(one.id());
            app.verify(leaked, MACHINE_A).get();

            // When someone reports a mix of secrets
            var answer = app.reportLeaked(
                    leaked.secret().reveal(),
                    "not a secret at all",
                    "swa_" + "0".repeat(38),
                    alsoLeaked.secret().reveal(),
                    leaked.secret().reveal());

            // Then the answer is the number of strings, whatever they were
            assertThat(answer).isEqualTo(Either.right(5));
            // And the known ones are revoked with reason LEAKED, their seats freed
            var revoked = app.token(one.id(), leaked.token().id());
            assertThat(revoked.status()).isEqualTo(TokenStatus.REVOKED);
            assertThat(revoked.revocationReason()).contains(RevocationReason.LEAKED);
            assertThat(revoked.seat().assigned()).isFalse();
            assertThat(app.token(other.id(), alsoLeaked.token().id()).revocationReason())
                    .contains(RevocationReason.LEAKED);
            assertThat(app.token(one.id(), kept.token().id()).status()).isEqualTo(TokenStatus.NEVER_USED);
            assertThat(app.verify(leaked, MACHINE_A).getLeft()).isEqualTo(new Refusal.TokenRevoked());
            // And each owner sees it in its audit log
            var event = newest(app.auditEvents(one.id()), EventType.TOKEN_REVOKED);
            assertThat(event.tokenId()).contains(leaked.token().id());
            assertThat(event.detail()).contains("LEAKED");
            assertThat(newest(app.auditEvents(other.id()), EventType.TOKEN_REVOKED)
                            .detail())
                    .contains("LEAKED");
        }

        @Test
        void an_old_secret_still_in_its_grace_period_revokes_the_whole_token() {
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            var rotated = app.rotate(pro.id(), token.token().id(), 60).get();

            app.reportLeaked(token.secret().reveal());

            assertThat(app.verify(rotated, MACHINE_A).getLeft()).isEqualTo(new Refusal.TokenRevoked());
        }

        @Test
        void an_empty_report_and_one_of_more_than_100_strings_are_invalid() {
            assertThat(app.reportLeaked(io.vavr.collection.List.empty())
                            .getLeft()
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(app.reportLeaked(io.vavr.collection.List.fill(101, "x"))
                            .getLeft()
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(app.reportLeaked(io.vavr.collection.List.fill(100, "x"))).isEqualTo(Either.right(100));
        }
    }

    @Nested
    class Rotation {

        @Test
        void a_rotated_token_keeps_its_id_and_seat_and_its_old_secret_works_until_the_grace_period_ends() {
            // Given a token in use on machine A
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            app.verify(token, MACHINE_A).get();

            // When its owner rotates it with 30 minutes of grace
            var rotated = app.rotate(pro.id(), token.token().id(), 30).get();
            var rotatedAt = app.now();

            // Then it is the same token, with a new secret, still on A's seat
            assertThat(rotated.token().id()).isEqualTo(token.token().id());
            assertThat(rotated.token().name()).isEqualTo(token.token().name());
            assertThat(rotated.secret()).isNotEqualTo(token.secret());
            assertThat(rotated.token().hint()).isEqualTo(rotated.secret().hint());
            assertThat(app.verify(rotated, MACHINE_A).get().assignment()).isEqualTo(Assignment.CONTINUING);
            // And the old secret verifies until the grace period ends, then is unknown
            app.clock().set(rotatedAt.plus(Duration.ofMinutes(30)).minusSeconds(1));
            assertThat(app.verify(token, MACHINE_A).get().tokenId())
                    .isEqualTo(token.token().id());
            app.clock().set(rotatedAt.plus(Duration.ofMinutes(30)));
            assertThat(app.verify(token, MACHINE_A).getLeft()).isEqualTo(new Refusal.TokenUnknown());
            assertThat(app.verify(rotated, MACHINE_A).isRight()).isTrue();
            assertThat(newest(app.auditEvents(pro.id()), EventType.TOKEN_ROTATED)
                            .tokenId())
                    .contains(token.token().id());
        }

        @Test
        void without_grace_the_old_secret_stops_at_once_and_a_second_rotation_drops_the_first_old_secret() {
            var pro = app.accountOn(Plan.PRO);
            var original = app.createApiToken(pro.id());
            var second = app.rotate(pro.id(), original.token().id(), 60).get();
            var third = app.rotate(pro.id(), original.token().id(), 0).get();

            assertThat(app.verify(original, MACHINE_A).getLeft()).isEqualTo(new Refusal.TokenUnknown());
            assertThat(app.verify(second, MACHINE_A).getLeft()).isEqualTo(new Refusal.TokenUnknown());
            assertThat(app.verify(third, MACHINE_A).isRight()).isTrue();
        }

        @Test
        void a_revoked_token_cannot_be_rotated_and_grace_beyond_24_hours_is_invalid() {
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());

            assertThat(app.rotate(pro.id(), token.token().id(), 1441).getLeft().code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(app.rotate(pro.id(), token.token().id(), 1440).isRight()).isTrue();
            app.revoke(pro.id(), token.token().id()).get();
            assertThat(app.rotate(pro.id(), token.token().id(), 0).getLeft()).isEqualTo(new Refusal.TokenRevoked());
        }
    }

    @Nested
    class AuditLog {

        @Test
        void the_owner_reads_its_events_newest_first_a_page_at_a_time() {
            // Given an account with seven events
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            for (int i = 0; i < 3; i++) {
                app.advance(Duration.ofMinutes(1));
                app.rotate(pro.id(), token.token().id(), 0).get();
            }
            app.advance(Duration.ofMinutes(1));
            app.verify(
                    TokenKind.API,
                    app.rotate(pro.id(), token.token().id(), 0).get().secret().reveal(),
                    MACHINE_A);
            var all = app.auditEvents(pro.id());
            assertThat(all.map(AuditEventView::type))
                    .containsExactly(
                            EventType.SEAT_ASSIGNED,
                            EventType.TOKEN_ROTATED,
                            EventType.TOKEN_ROTATED,
                            EventType.TOKEN_ROTATED,
                            EventType.TOKEN_ROTATED,
                            EventType.TOKEN_CREATED,
                            EventType.ACCOUNT_CREATED);

            // When it reads them three at a time
            var first = page(pro, 3, Option.none()).get();
            var second = page(pro, 3, first.next()).get();
            var third = page(pro, 3, second.next()).get();

            // Then the pages are the whole log, in order, and the last one says so
            assertThat(first.events().appendAll(second.events()).appendAll(third.events()))
                    .isEqualTo(all);
            assertThat(third.events()).hasSize(1);
            assertThat(third.next()).isEmpty();
            assertThat(page(pro, 7, Option.none()).get().next()).isEmpty();
        }

        @Test
        void a_limit_outside_1_to_200_or_a_cursor_that_is_not_one_is_invalid() {
            var pro = app.accountOn(Plan.PRO);

            assertThat(page(pro, 0, Option.none()).getLeft().code()).isEqualTo("VALIDATION_FAILED");
            assertThat(page(pro, 201, Option.none()).getLeft().code()).isEqualTo("VALIDATION_FAILED");
            assertThat(page(pro, 1, Option.none()).isRight()).isTrue();
            assertThat(page(pro, 200, Option.none()).isRight()).isTrue();
            for (var bad : new String[] {"", "next", "-3", "0", "1.5", "0x10"}) {
                assertThat(page(pro, 10, Option.some(bad)).getLeft().code())
                        .as("cursor \"%s\"", bad)
                        .isEqualTo("VALIDATION_FAILED");
            }
        }

        @Test
        void an_account_never_sees_another_accounts_events() {
            var one = app.accountOn(Plan.PRO);
            var other = app.accountOn(Plan.PRO);
            app.createApiToken(other.id());

            assertThat(app.auditEvents(one.id()).map(AuditEventView::type)).containsExactly(EventType.ACCOUNT_CREATED);
        }

        private Either<Refusal, dev.seatwarden.application.port.in.AuditPage> page(
                dev.seatwarden.application.port.in.AccountView account, int limit, Option<String> before) {
            return app.useCases()
                    .listAuditEvents()
                    .listAuditEvents(new ListAuditEventsUseCase.Query(account.id(), limit, before));
        }
    }

    @Nested
    class OperatorRelease {

        @Test
        void an_operator_frees_a_seat_with_a_reason_and_the_account_keeps_its_quota() {
            // Given a token on machine A whose owner already used the day's release
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            var other = app.createApiToken(pro.id());
            app.verify(token, MACHINE_A).get();
            app.verify(other, MACHINE_A).get();
            app.release(pro.id(), other.token().id()).get();
            var quotaBefore = app.account(pro.id()).nextReleaseAt();

            // When an operator releases A's seat with a reason
            var released = app.releaseAsOperator(token.token().id(), "  ticket 4711: machine stolen ")
                    .get();

            // Then the seat is free, the event says OPERATOR and why, and no quota was used
            assertThat(released.seat().assigned()).isFalse();
            var event = newest(app.auditEvents(pro.id()), EventType.SEAT_RELEASED);
            assertThat(event.detail().get()).startsWith("OPERATOR").contains("ticket 4711: machine stolen");
            assertThat(event.machineId()).contains(new MachineId(MACHINE_A));
            assertThat(app.account(pro.id()).nextReleaseAt()).isEqualTo(quotaBefore);
            // And A coming back is a new assignment, not a re-activation
            assertThat(app.verify(token, MACHINE_A).get().assignment()).isEqualTo(Assignment.NEW);
        }

        @Test
        void an_operator_must_give_a_reason_and_can_only_release_an_assigned_seat() {
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());

            assertThat(app.releaseAsOperator(token.token().id(), "   ")
                            .getLeft()
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(app.releaseAsOperator(token.token().id(), "support").getLeft())
                    .isEqualTo(new Refusal.SeatNotAssigned());
            assertThat(app.releaseAsOperator(new TokenId("tok_nope"), "support").getLeft())
                    .isEqualTo(new Refusal.TokenNotFound());
        }
    }

    @Nested
    class Sweep {

        @Test
        void the_sweep_records_inactive_seats_as_AUTO_and_expired_tokens_seats_as_EXPIRY() {
            // Given three seats: one inactive for 14 days, one whose token expired, one active
            var pro = app.accountOn(Plan.PRO);
            var idle = app.createApiToken(pro.id());
            var expiring =
                    app.createExpiringToken(pro.id(), TokenKind.API, app.now().plus(Duration.ofDays(3)));
            var busy = app.createApiToken(pro.id());
            app.verify(idle, MACHINE_A).get();
            app.verify(expiring, MACHINE_A).get();
            app.verify(busy, MACHINE_A).get();
            app.advance(Duration.ofDays(13));
            app.verify(busy, MACHINE_A).get();
            app.advance(Duration.ofDays(1));

            // When the sweep runs
            int released = app.sweep();

            // Then the two are released and recorded, the active one is untouched
            assertThat(released).isEqualTo(2);
            var releases = app.auditEvents(pro.id()).filter(e -> e.type() == EventType.SEAT_RELEASED);
            assertThat(releases.map(e -> e.tokenId().get() + " " + e.detail().get()))
                    .containsExactlyInAnyOrder(
                            idle.token().id() + " AUTO", expiring.token().id() + " EXPIRY");
            assertThat(app.token(pro.id(), busy.token().id()).seat().assigned()).isTrue();
            assertThat(app.sweep()).as("nothing left to sweep").isZero();
        }

        @Test
        void an_inactive_seat_is_free_before_any_sweep_runs() {
            var pro = app.accountOn(Plan.PRO);
            var token = app.createApiToken(pro.id());
            app.verify(token, MACHINE_A).get();

            app.advance(Duration.ofDays(14));

            assertThat(app.token(pro.id(), token.token().id()).seat().assigned())
                    .isFalse();
            assertThat(app.release(pro.id(), token.token().id()).getLeft()).isEqualTo(new Refusal.SeatNotAssigned());
        }
    }

    private static AuditEventView newest(io.vavr.collection.List<AuditEventView> events, EventType type) {
        return events.find(e -> e.type() == type)
                .getOrElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }
}
