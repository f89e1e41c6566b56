package dev.seatwarden.application.port.out;

import java.time.Clock;
import java.util.Objects;

/**
 * Every out-port the use cases need, handed over in one piece by whoever wires the application.
 *
 * @param clock the only source of time (R18)
 * @param verificationReads a verification's first read; the constructor without it reads through
 *     {@code tokens}, {@code accounts} and {@code seats} ({@link VerificationReads#through})
 */
public record Ports(
        Accounts accounts,
        Tokens tokens,
        Seats seats,
        AuditLog auditLog,
        Transactions transactions,
        SecretGenerator secretGenerator,
        SecretHasher secretHasher,
        IdGenerator idGenerator,
        Clock clock,
        VerificationReads verificationReads) {
    public Ports {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(seats, "seats");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(secretGenerator, "secretGenerator");
        Objects.requireNonNull(secretHasher, "secretHasher");
        Objects.requireNonNull(idGenerator, "idGenerator");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(verificationReads, "verificationReads");
    }

    /** The ports, a verification reading through {@code tokens}, {@code accounts} and {@code seats}. */
    public Ports(
            Accounts accounts,
            Tokens tokens,
            Seats seats,
            AuditLog auditLog,
            Transactions transactions,
            SecretGenerator secretGenerator,
            SecretHasher secretHasher,
            IdGenerator idGenerator,
            Clock clock) {
        this(
                accounts,
                tokens,
                seats,
                auditLog,
                transactions,
                secretGenerator,
                secretHasher,
                idGenerator,
                clock,
                VerificationReads.through(tokens, accounts, seats));
    }
}
