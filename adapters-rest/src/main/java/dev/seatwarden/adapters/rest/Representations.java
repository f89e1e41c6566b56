package dev.seatwarden.adapters.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.AuditEventView;
import dev.seatwarden.application.port.in.AuditPage;
import dev.seatwarden.application.port.in.SeatView;
import dev.seatwarden.application.port.in.TokenView;
import dev.seatwarden.application.port.in.TokenWithSecret;
import dev.seatwarden.application.port.in.VerificationResult;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The JSON shapes of rest-api.md as plain records (no Vavr types): every listed field present, a
 * missing value {@code null}, times ISO-8601 UTC.
 */
final class Representations {

    private Representations() {}

    record SeatReleaseJson(int limit, long windowHours, String nextReleaseAt) {}

    record AccountJson(
            String id,
            String email,
            String plan,
            String subscription,
            int integrationTokenLimit,
            int integrationTokensInUse,
            SeatReleaseJson seatRelease,
            boolean canCreateTokens,
            String tokenCreationRefusal) {}

    /**
     * {@code GET /v1/account}: the account, and (beyond the spec's fields) the session's CSRF token,
     * so that a reloaded dashboard can make changes again without signing in.
     */
    record SessionAccountJson(@JsonUnwrapped AccountJson account, String csrfToken) {
        @Override
        public String toString() {
            return "SessionAccountJson[account=" + account.id() + ", csrfToken=hidden]";
        }
    }

    record SignedInJson(AccountJson account, String csrfToken) {
        @Override
        public String toString() {
            return "SignedInJson[account=" + account.id() + ", csrfToken=hidden]";
        }
    }

    record LastUseJson(String machineId, String remoteAddress, String userAgent) {}

    record SeatJson(String state, String machineId, String assignedAt, String lastActivityAt, String autoReleaseAt) {}

    record TokenJson(
            String id,
            String name,
            String kind,
            String assignee,
            String hint,
            String createdAt,
            String expiresAt,
            String lastUsedAt,
            LastUseJson lastUse,
            String revokedAt,
            String revocationReason,
            String status,
            SeatJson seat) {}

    record TokensJson(java.util.List<TokenJson> tokens) {}

    record EventJson(String id, String at, String type, String tokenId, String machineId, String detail) {}

    record AuditPageJson(java.util.List<EventJson> events, String next) {}

    record VerifiedSeatJson(String machineId, String assignment, String autoReleaseAt) {}

    record VerifiedJson(boolean valid, String accountId, String tokenId, String kind, VerifiedSeatJson seat) {}

    record ReceivedJson(int received) {}

    record HealthJson(String status, String database) {}

    record LiveJson(String status) {}

    static AccountJson account(AccountView view) {
        return new AccountJson(
                view.id().value(),
                view.email(),
                view.plan().name(),
                view.subscription().name(),
                view.integrationTokenLimit(),
                view.integrationTokensInUse(),
                new SeatReleaseJson(view.releaseLimit(), view.releaseWindow().toHours(), time(view.nextReleaseAt())),
                view.canCreateTokens(),
                view.tokenCreationRefusal().getOrNull());
    }

    static TokenJson token(TokenView view) {
        return new TokenJson(
                view.id().value(),
                view.name(),
                view.kind().name(),
                view.assignee().getOrNull(),
                view.hint(),
                view.createdAt().toString(),
                time(view.expiresAt()),
                time(view.lastUsedAt()),
                // Always the object, its members null before the first use: every listed field is present.
                new LastUseJson(
                        view.lastUse().map(use -> use.machine().value()).getOrNull(),
                        view.lastUse().flatMap(use -> use.remoteAddress()).getOrNull(),
                        view.lastUse().flatMap(use -> use.userAgent()).getOrNull()),
                time(view.revokedAt()),
                view.revocationReason().map(Enum::name).getOrNull(),
                view.status().name(),
                seat(view.seat()));
    }

    /** The token plus its new secret: the one answer that ever shows it (R5, R19). */
    static ObjectNode tokenWithSecret(TokenWithSecret created) {
        ObjectNode node = JsonBodies.MAPPER.valueToTree(token(created.token()));
        node.put("secret", created.secret().reveal());
        return node;
    }

    static SeatJson seat(SeatView seat) {
        return new SeatJson(
                seat.assigned() ? "ASSIGNED" : "FREE",
                seat.machine().map(m -> m.value()).getOrNull(),
                time(seat.assignedAt()),
                time(seat.lastActivityAt()),
                time(seat.autoReleaseAt()));
    }

    static AuditPageJson auditPage(AuditPage page) {
        return new AuditPageJson(
                page.events().map(Representations::event).toJavaList(),
                page.next().getOrNull());
    }

    static EventJson event(AuditEventView event) {
        return new EventJson(
                event.id(),
                event.at().toString(),
                event.type().name(),
                event.tokenId().map(id -> id.value()).getOrNull(),
                event.machineId().map(id -> id.value()).getOrNull(),
                event.detail().getOrNull());
    }

    static VerifiedJson verified(VerificationResult result) {
        return new VerifiedJson(
                true,
                result.accountId().value(),
                result.tokenId().value(),
                result.kind().name(),
                new VerifiedSeatJson(
                        result.machine().value(),
                        result.assignment().name(),
                        result.autoReleaseAt().toString()));
    }

    private static String time(Option<Instant> instant) {
        return instant.map(Instant::toString).getOrNull();
    }
}
