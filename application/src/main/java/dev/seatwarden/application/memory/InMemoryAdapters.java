package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.AccessPorts;
import dev.seatwarden.application.port.out.Accounts;
import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.PasswordHasher;
import dev.seatwarden.application.port.out.Passwords;
import dev.seatwarden.application.port.out.Ports;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.SignInFailures;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.application.port.out.Transactions;
import dev.seatwarden.application.security.RandomIdGenerator;
import dev.seatwarden.application.security.SecureRandomSecretGenerator;
import dev.seatwarden.application.security.SecureRandomSessionKeys;
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
    private final InMemoryPasswords passwords = new InMemoryPasswords();
    private final InMemorySessions sessions = new InMemorySessions();
    private final InMemorySignInFailures signInFailures = new InMemorySignInFailures();
    private final InMemoryTransactions transactions =
            new InMemoryTransactions(List.of(accounts, tokens, seats, auditLog, passwords, sessions, signInFailures));

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

    public Passwords passwords() {
        return passwords;
    }

    public Sessions sessions() {
        return sessions;
    }

    public SignInFailures signInFailures() {
        return signInFailures;
    }

    /** The sign-in ports: these stores, {@code passwordHasher}, and a CSPRNG for session keys. */
    public AccessPorts accessPorts(PasswordHasher passwordHasher) {
        return new AccessPorts(
                passwords, sessions, signInFailures, passwordHasher, new SecureRandomSessionKeys(new SecureRandom()));
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
