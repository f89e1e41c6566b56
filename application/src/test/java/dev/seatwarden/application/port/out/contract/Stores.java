package dev.seatwarden.application.port.out.contract;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.port.out.VerificationReads;
import java.util.Objects;

/**
 * The storage out-ports under test, as one adapter family makes them: fresh and empty for each
 * test, and sharing one transaction boundary so that a unit of work can write to several of them.
 * Without {@code verificationReads}, a verification's first read goes through the three stores
 * ({@link VerificationReads#through}), as {@code Ports} does.
 */
public record Stores(
        Accounts accounts,
        Tokens tokens,
        Seats seats,
        AuditLog auditLog,
        Transactions transactions,
        VerificationReads verificationReads) {
    public Stores {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(seats, "seats");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(verificationReads, "verificationReads");
    }

    public Stores(Accounts accounts, Tokens tokens, Seats seats, AuditLog auditLog, Transactions transactions) {
        this(accounts, tokens, seats, auditLog, transactions, VerificationReads.through(tokens, accounts, seats));
    }
}
