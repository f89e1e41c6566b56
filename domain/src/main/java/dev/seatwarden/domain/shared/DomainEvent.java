package dev.seatwarden.domain.shared;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * R17: one change, as the audit log keeps it. Carries typed ids only, and never a secret or its
 * hash.
 *
 * @param type what happened
 * @param at when, from the injected clock
 * @param account the account it concerns
 * @param token the token it concerns, where one does
 * @param machine the machine it concerns, where one does
 * @param detail the detail the rule names ({@code OWNER}, {@code MANUAL}, {@code OPERATOR: reason},
 *     a refusal code, the changed field), where there is one
 */
public record DomainEvent(
        EventType type,
        Instant at,
        AccountId account,
        Option<TokenId> token,
        Option<MachineId> machine,
        Option<String> detail) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(detail, "detail");
    }

    /** An event about an account alone. */
    public static DomainEvent ofAccount(EventType type, Instant at, AccountId account, Option<String> detail) {
        return new DomainEvent(type, at, account, Option.none(), Option.none(), detail);
    }

    /** An event about one token of an account. */
    public static DomainEvent ofToken(
            EventType type,
            Instant at,
            AccountId account,
            TokenId token,
            Option<MachineId> machine,
            Option<String> detail) {
        return new DomainEvent(type, at, account, Option.some(token), machine, detail);
    }
}
