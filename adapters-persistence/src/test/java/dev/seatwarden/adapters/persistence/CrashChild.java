package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.ReleaseSeatUseCase;
import dev.seatwarden.application.port.in.RevokeTokenUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The process {@link AbstractCrashTest} kills: it opens the database at the URL it is given, wires
 * the real use cases on it and, in a few worker threads, creates accounts and tokens, verifies them
 * from machines (which claims their seats), and now and then revokes a token or releases a seat, as
 * fast as it can, until it is killed.
 *
 * <p>It reports on standard output, one line per {@code write(2)}, so that a kill never leaves half
 * a line behind. Every line starts with {@value #PREFIX}; anything else on standard output (there
 * should be nothing: the child logs to standard error) is not part of the report.
 *
 * <ul>
 *   <li>A <em>fact</em> is printed only after the use case returned, that is after its unit of work
 *       committed: {@code ACCOUNT <account> <plan>}, {@code TOKEN <token> <account> <kind>}, {@code
 *       SEAT <token> <machine>}, {@code RELEASED <token>}, {@code REVOKED <token>}, and {@code
 *       REFUSED <token> <code>} when a verification, release or revocation was refused (which leaves
 *       the token and its seat as they were).
 *   <li>An <em>attempt</em> is printed before a use case on an existing token starts: {@code
 *       TRY-VERIFY <token> <machine>}, {@code TRY-RELEASE <token>}, {@code TRY-REVOKE <token>}. An
 *       attempt that no fact follows was cut by the kill: it either committed whole or not at all.
 * </ul>
 *
 * <p>Never is a secret printed: the child keeps the secrets of its tokens in memory to verify them.
 *
 * <p>Arguments: the JDBC URL, a tag unique to this run (it makes the e-mail addresses and machine
 * ids unique), a seed for the child's choices, and the number of worker threads. Any exception in a
 * worker ends the process with exit code 3 and the stack trace on standard error.
 */
public final class CrashChild {

    /** What every report line starts with. */
    public static final String PREFIX = "@ ";

    /** Tokens per account before a worker moves on to a new account, so that no account grows large. */
    private static final int TOKENS_PER_ACCOUNT = 30;

    private final UseCases useCases;
    private final String tag;
    private final SplittableRandom random;
    private int accounts;
    private int tokens;
    private int machines;

    private CrashChild(UseCases useCases, String tag, SplittableRandom random) {
        this.useCases = useCases;
        this.tag = tag;
        this.random = random;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: CrashChild <jdbc-url> <run-tag> <seed> <workers>");
            System.exit(2);
        }
        var url = args[0];
        var run = args[1];
        long seed = Long.parseLong(args[2]);
        int workers = Integer.parseInt(args[3]);

        var database = Database.open(DatabaseSettings.of(url));
        var useCases = UseCases.create(TestDatabases.ports(database, Clock.systemUTC()), LicensingSettings.defaults());

        var threads = new ArrayList<Thread>();
        for (int w = 0; w < workers; w++) {
            var worker = new CrashChild(useCases, run + "-w" + w, new SplittableRandom(seed + w));
            var thread = new Thread(worker::loop, "crash-worker-" + w);
            thread.setUncaughtExceptionHandler((t, failure) -> {
                System.err.println("crash child: worker " + t.getName() + " failed");
                failure.printStackTrace();
                Runtime.getRuntime().halt(3);
            });
            threads.add(thread);
            thread.start();
        }
        for (var thread : threads) {
            thread.join();
        }
    }

    /** A token this worker made and has not revoked, with its secret (kept here, printed nowhere). */
    private static final class Held {
        final TokenId id;
        final TokenKind kind;
        final Secret secret;
        Option<String> machine = Option.none();

        Held(TokenId id, TokenKind kind, Secret secret) {
            this.id = id;
            this.kind = kind;
            this.secret = secret;
        }
    }

    private void loop() {
        while (true) {
            var account = newAccount();
            var held = new ArrayList<Held>();
            for (int made = 0; made < TOKENS_PER_ACCOUNT; made++) {
                var kind = random.nextBoolean() ? TokenKind.API : TokenKind.INTEGRATION;
                var created = useCases.createToken()
                        .createToken(new CreateTokenUseCase.Command(
                                account, "crash token " + (++tokens), kind, "crash " + tag, Option.none()));
                if (created.isLeft() && created.getLeft() instanceof Refusal.IntegrationTokenLimitReached) {
                    // R7: every slot is taken; revoking one of them frees it for the next round
                    held.stream()
                            .filter(token -> token.kind == TokenKind.INTEGRATION)
                            .findFirst()
                            .ifPresent(token -> revoke(account, token, held));
                    continue;
                }
                if (created.isLeft()) {
                    throw new IllegalStateException("creating a token was refused: " + created.getLeft());
                }
                var token = created.get();
                report("TOKEN " + token.token().id().value() + " " + account.value() + " " + kind);
                var fresh = new Held(token.token().id(), kind, token.secret());
                held.add(fresh);

                verify(fresh, newMachine());
                int roll = random.nextInt(100);
                var some = held.get(random.nextInt(held.size()));
                if (roll < 20) {
                    verify(some, some.machine.getOrElse(this::newMachine)); // continuing, or claiming a free seat
                } else if (roll < 30) {
                    verify(some, newMachine()); // another machine: refused while the seat is taken
                } else if (roll < 50) {
                    revoke(account, some, held);
                } else if (roll < 60) {
                    release(account, some);
                }
            }
        }
    }

    private AccountId newAccount() {
        var plans = new Plan[] {Plan.PRO, Plan.ENTERPRISE, Plan.ENTERPRISE};
        var plan = plans[random.nextInt(plans.length)];
        var limit = random.nextInt(4) == 0 ? Option.some(random.nextInt(4)) : Option.<Integer>none();
        var email = "crash-" + tag + "-" + (++accounts) + "@example.test";
        var created = useCases.createAccount().createAccount(new CreateAccountUseCase.Command(email, plan, limit));
        if (created.isLeft()) {
            throw new IllegalStateException("creating an account was refused: " + created.getLeft());
        }
        var id = created.get().id();
        report("ACCOUNT " + id.value() + " " + plan + " " + created.get().integrationTokenLimit());
        return id;
    }

    private String newMachine() {
        return "m-" + tag + "-" + (++machines);
    }

    private void verify(Held token, String machine) {
        report("TRY-VERIFY " + token.id.value() + " " + machine);
        var verified = useCases.verifyToken()
                .verify(new VerifyTokenUseCase.Command(
                        token.kind,
                        Option.some(token.secret.reveal()),
                        Option.some(machine),
                        Option.some("127.0.0.1"),
                        Option.some("seatwarden-crash-child")));
        if (verified.isRight()) {
            token.machine = Option.some(machine);
            report("SEAT " + token.id.value() + " " + machine);
        } else {
            report("REFUSED " + token.id.value() + " " + verified.getLeft().code());
        }
    }

    private void revoke(AccountId account, Held token, List<Held> held) {
        report("TRY-REVOKE " + token.id.value());
        var revoked = useCases.revokeToken().revokeToken(new RevokeTokenUseCase.Command(account, token.id));
        if (revoked.isRight()) {
            held.remove(token);
            report("REVOKED " + token.id.value());
        } else {
            report("REFUSED " + token.id.value() + " " + revoked.getLeft().code());
        }
    }

    private void release(AccountId account, Held token) {
        report("TRY-RELEASE " + token.id.value());
        var released = useCases.releaseSeat().releaseSeat(new ReleaseSeatUseCase.Command(account, token.id));
        if (released.isRight()) {
            token.machine = Option.none();
            report("RELEASED " + token.id.value());
        } else {
            report("REFUSED " + token.id.value() + " " + released.getLeft().code());
        }
    }

    private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    /** One line, in one unbuffered write: once this returns, the line is in the pipe. */
    private static void report(String line) {
        var bytes = (PREFIX + line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (STDOUT) {
            try {
                STDOUT.write(bytes);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}
