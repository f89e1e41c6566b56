package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.Sha256SecretHasher;
import io.vavr.collection.List;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Every storage out-port in memory, sharing one transaction boundary: for tests, and for teams that
 * embed Seatwarden before they write adapters of their own. Nothing survives the process.
 */
public final class InMemoryAdapters {

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryTokens tokens = new InMemoryTokens();
    private final InMemorySeats seats = new InMemorySeats();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryTransactions transactions =
            new InMemoryTransactions(List.of(accounts, tokens, seats, auditLog));

    public Accounts accounts() {
        return accounts;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Seats seats() {
        return seats;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** All ports, with a CSPRNG for secrets and ids, SHA-256 for hashing, and {@code clock}. */
    public Ports ports(Clock clock) {
        var random = new SecureRandom();
        return new Ports(
                accounts,
                tokens,
                seats,
                auditLog,
                transactions,
                new SecureRandomSecretGenerator(random),
                new Sha256SecretHasher(),
                new RandomIdGenerator(random),
                clock);
    }
}
