package dev.seatwarden.application.port.out.contract;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import java.util.Objects;

/**
 * The storage out-ports under test, as one adapter family makes them: fresh and empty for each
 * test, and sharing one transaction boundary so that a unit of work can write to several of them.
 */
public record Stores(Accounts accounts, Tokens tokens, Seats seats, AuditLog auditLog, Transactions transactions) {
    public Stores {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(seats, "seats");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(transactions, "transactions");
    }
}
