package dev.seatwarden.adapters.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.application.testing.Seeds;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (the "Crash" scenario): a child JVM ({@link CrashChild}) that creates
 * accounts and tokens and claims seats through the real use cases is killed with SIGKILL at a random
 * moment, several times over, each child on the same database. Then the database must open again
 * with nothing to migrate and a clean Flyway validation, every write a child reported as committed
 * must be there, an attempt the kill cut must have happened whole or not at all, and the invariants
 * of the licensing rules must hold over every row.
 *
 * <p>Each engine's subclass names the database; {@code -Dseatwarden.seed=…} replays the kill
 * moments and the children's choices (not the exact interleaving, which the scheduler decides).
 */
abstract class AbstractCrashTest {

    /**
     * How many children are killed, one after the other, on the same database: 7, or what {@code
     * -Dseatwarden.crash.kills=…} says (more kills, more chances to land in a rare moment).
     */
    static final int KILLS = Integer.getInteger("seatwarden.crash.kills", 7);

    /** Worker threads in each child: each one may leave one unreported write behind when killed. */
    static final int WORKERS = 2;

    /** A kill lands this long (in ms, drawn uniformly) after the child reported its first write. */
    static final int KILL_AFTER_MIN_MS = 300;

    static final int KILL_AFTER_MAX_MS = 1500;

    /** How long a child may take to start (a loaded build machine included) before the test gives up. */
    static final long START_TIMEOUT_S = 60;

    /** Linux's exit status of a process killed by signal 9: 128 + 9. */
    static final int SIGKILL_STATUS = 137;

    /** The JDBC URL of the database the children and the final check open. */
    protected abstract String url();

    /** A name for the summary line. */
    protected abstract String engineName();

    /** What only this engine can check about the reopened database; adds what it finds wrong. */
    protected void checkEngine(Database database, List<String> violations) {}

    /**
     * Copies the database as the last kill left it, before anything opens it again, into {@code
     * folder}: kept as evidence should the test fail. Nothing to copy for a server.
     */
    protected void copyRawState(Path folder) throws IOException {}

    /** Scratch space of the children (sqlite-jdbc's extracted native library, which a kill leaves behind). */
    @TempDir
    Path childTemp;

    @Test
    void every_commit_a_killed_child_reported_survives_and_every_invariant_holds_after_the_reopen() throws Exception {
        long seed = Seeds.seed();
        var random = new SplittableRandom(seed);
        long started = System.nanoTime();
        var runs = new ArrayList<ChildRun>();

        // Given children that write as fast as they can, each killed with SIGKILL mid-write
        for (int kill = 0; kill < KILLS; kill++) {
            runs.add(runAndKill(kill, random, seed, runs));
        }
        var ledger = new Ledger();
        runs.forEach(run -> run.lines.forEach(ledger::read));
        var raw = Files.createDirectories(childTemp.resolve("raw-state"));
        copyRawState(raw);

        // When the database is opened again
        Database database;
        try {
            database = Database.open(DatabaseSettings.of(url()));
        } catch (RuntimeException failure) {
            throw new AssertionError(
                    "the database did not open again after the kills (seed " + seed + ")" + stderrOf(runs), failure);
        }
        try (database) {
            // Then it is migrated already, and Flyway finds its history clean
            var violations = new ArrayList<String>(ledger.problems);
            if (database.migrationsApplied() != 0) {
                violations.add("the reopen applied " + database.migrationsApplied() + " migrations, expected 0");
            }
            var flyway = Migrations.flyway(database.dataSource(), database.engine());
            var validation = flyway.validateWithResult();
            if (!validation.validationSuccessful) {
                violations.add("Flyway validation failed: " + validation.getAllErrorMessages());
            }
            if (flyway.info().pending().length != 0) {
                violations.add(flyway.info().pending().length + " migrations are pending");
            }
            checkEngine(database, violations);

            // And every reported commit is there, every invariant holds
            var rows = Jdbi.create(database.dataSource()).withHandle(Rows::read);
            checkReported(ledger, rows, violations);
            checkInvariants(rows, violations);
            checkUnreported(ledger, rows, violations);

            // And the database takes new writes
            checkStillWritable(database, violations);

            if (!violations.isEmpty()) {
                var evidence = keepEvidence(seed, runs, violations, raw);
                fail(violations.size() + " problems after " + KILLS + " kills on " + engineName() + " (seed " + seed
                        + ", evidence in " + evidence + "):\n  "
                        + String.join("\n  ", violations.subList(0, Math.min(40, violations.size())))
                        + stderrOf(runs));
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf(
                    "crash %s: %d kills (exit %s), %d reported commits (%d accounts, %d tokens, %d seats, %d"
                            + " releases, %d revocations) and %d refusals, %d attempts cut by the kill, %d accounts and"
                            + " %d tokens committed but unreported, %d report lines cut in two, rows now: %d accounts"
                            + " %d tokens %d audit events, kill delays %s ms, seed %d, %d ms%n",
                    engineName(),
                    runs.size(),
                    runs.stream()
                            .map(run -> Integer.toString(run.exit))
                            .distinct()
                            .collect(Collectors.joining("/")),
                    ledger.commits(),
                    ledger.accounts.size(),
                    ledger.tokens.size(),
                    ledger.seats,
                    ledger.releases,
                    ledger.revocations,
                    ledger.refusals,
                    ledger.cutAttempts(),
                    unreported(ledger.accounts.keySet(), rows.accounts.keySet()),
                    unreported(ledger.tokens.keySet(), rows.tokens.keySet()),
                    runs.stream().filter(run -> !run.cut.isEmpty()).count(),
                    rows.accounts.size(),
                    rows.tokens.size(),
                    rows.events.size(),
                    runs.stream().map(run -> Long.toString(run.delayMs)).collect(Collectors.joining(",")),
                    seed,
                    ms);
        }
    }

    // ---------------------------------------------------------------- the children

    private ChildRun runAndKill(int index, SplittableRandom random, long seed, List<ChildRun> earlier)
            throws IOException, InterruptedException {
        long childSeed = random.nextLong();
        long delayMs = random.nextInt(KILL_AFTER_MIN_MS, KILL_AFTER_MAX_MS + 1);
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-Dlogback.configurationFile=crash-child-logback.xml",
                "-Dorg.sqlite.tmpdir=" + childTemp,
                "-cp",
                childClasspath(),
                CrashChild.class.getName(),
                url(),
                "r" + index,
                Long.toString(childSeed),
                Integer.toString(WORKERS));
        var process = new ProcessBuilder(command).start();
        var run = new ChildRun(index, process, delayMs);
        var all = new ArrayList<>(earlier);
        all.add(run);

        if (!run.firstLine.await(START_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.toHandle().destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            run.awaitReaders();
            fail("child " + index + " reported nothing within " + START_TIMEOUT_S + " s (alive: " + process.isAlive()
                    + ", seed " + seed + ")" + stderrOf(all));
        }
        Thread.sleep(delayMs);
        boolean aliveAtKill = process.isAlive();
        // SIGKILL on Linux: no shutdown hook, no finally, no close. Through the handle: Process.destroyForcibly()
        // would also close our end of the child's output, and lose the reports still in the pipe that the
        // reader has not read yet (under load it lags; the lines then looked "lost" although committed).
        process.toHandle().destroyForcibly();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        run.awaitReaders();
        if (!aliveAtKill || !ended) {
            fail("child " + index + (aliveAtKill ? " did not end after SIGKILL" : " ended before it was killed")
                    + " (seed " + seed + ")" + stderrOf(all));
        }
        run.exit = process.exitValue();
        if (run.exit != SIGKILL_STATUS) {
            fail("child " + index + " ended with status " + run.exit + ", not " + SIGKILL_STATUS + " (SIGKILL)"
                    + " (seed " + seed + ")" + stderrOf(all));
        }
        return run;
    }

    /**
     * The class path of the test JVM, which holds the test classes, the module's classes and every
     * dependency. Surefire starts its JVM through a manifest-only jar but sets {@code java.class.path}
     * to the real class path; should a configuration ever not, its {@code surefire.test.class.path}
     * holds the same.
     */
    private static String childClasspath() {
        var own = ownClassesLocation();
        for (var property : List.of("java.class.path", "surefire.test.class.path")) {
            var classpath = System.getProperty(property);
            if (classpath != null
                    && List.of(classpath.split(java.io.File.pathSeparator)).contains(own)) {
                return classpath;
            }
        }
        throw new IllegalStateException("no class path of this JVM holds " + own + " (java.class.path is "
                + System.getProperty("java.class.path") + ")");
    }

    private static String ownClassesLocation() {
        try {
            return Path.of(CrashChild.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * On failure: the children's reports and standard error, the problems, and the database as the
     * last kill left it, under {@code target/crash-evidence}, so that a rare failure can be studied
     * after the run.
     */
    private Path keepEvidence(long seed, List<ChildRun> runs, List<String> violations, Path raw) throws IOException {
        var folder = Path.of("target", "crash-evidence", engineName() + "-" + seed + "-" + System.currentTimeMillis())
                .toAbsolutePath();
        Files.createDirectories(folder);
        Files.write(folder.resolve("problems.txt"), violations);
        for (var run : runs) {
            Files.write(folder.resolve("child-" + run.index + "-report.txt"), List.copyOf(run.lines));
            Files.writeString(folder.resolve("child-" + run.index + "-stderr.txt"), run.stderr());
        }
        try (var files = Files.list(raw)) {
            for (var file : (Iterable<Path>) files::iterator) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder;
    }

    private static String stderrOf(List<ChildRun> runs) {
        var text = new StringBuilder();
        for (var run : runs) {
            var stderr = run.stderr();
            text.append("\n--- child ")
                    .append(run.index)
                    .append(" (killed ")
                    .append(run.delayMs)
                    .append(" ms after its first report, ")
                    .append(run.lines.size())
                    .append(" report lines) standard error:")
                    .append(stderr.isBlank() ? " (empty)" : "\n" + stderr);
        }
        return text.toString();
    }

    /** A child process, its report lines (whole lines only) and its standard error, read as they come. */
    private static final class ChildRun {
        final int index;
        final long delayMs;
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstLine = new CountDownLatch(1);
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread stdoutReader;
        private final Thread stderrReader;
        int exit = -1;

        /** Bytes after the last newline when the child died: a line cut in two (never expected). */
        volatile String cut = "";

        ChildRun(int index, Process process, long delayMs) {
            this.index = index;
            this.delayMs = delayMs;
            try {
                process.getOutputStream().close(); // the child reads nothing
            } catch (IOException ignored) {
                // nothing to close
            }
            this.stdoutReader = new Thread(() -> readLines(process.getInputStream()), "crash-child-stdout-" + index);
            this.stderrReader = new Thread(() -> drain(process.getErrorStream()), "crash-child-stderr-" + index);
            stdoutReader.setDaemon(true);
            stderrReader.setDaemon(true);
            stdoutReader.start();
            stderrReader.start();
        }

        private void readLines(InputStream in) {
            var line = new ByteArrayOutputStream();
            try (in) {
                int b;
                while ((b = in.read()) != -1) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    var text = line.toString(StandardCharsets.US_ASCII);
                    line.reset();
                    if (text.startsWith(CrashChild.PREFIX)) {
                        lines.add(text.substring(CrashChild.PREFIX.length()));
                        firstLine.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the pipe broke with the child: what was read is what it reported
            }
            cut = line.toString(StandardCharsets.US_ASCII);
        }

        private void drain(InputStream in) {
            var buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (stderr) {
                        if (stderr.size() < 64 * 1024) {
                            stderr.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the pipe broke with the child
            }
        }

        void awaitReaders() throws InterruptedException {
            stdoutReader.join(TimeUnit.SECONDS.toMillis(30));
            stderrReader.join(TimeUnit.SECONDS.toMillis(30));
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString(StandardCharsets.UTF_8);
            }
        }
    }

    // ---------------------------------------------------------------- what the children reported

    /** A token's state as far as the crash checks care: revoked or not, and the machine holding its seat. */
    private record State(boolean revoked, String machine) {
        static final State FRESH = new State(false, null);

        @Override
        public String toString() {
            return revoked ? "revoked, seat free" : machine == null ? "seat free" : "seat assigned to " + machine;
        }
    }

    private static final class ReportedToken {
        final String account;
        final String kind;
        State committed = State.FRESH;
        /** The state an attempt would leave, while no fact has closed it. */
        State attempt;

        ReportedToken(String account, String kind) {
            this.account = account;
            this.kind = kind;
        }
    }

    private record ReportedAccount(String plan, int limit) {}

    /** The children's reports, replayed in order into what must be in the database. */
    private static final class Ledger {
        final Map<String, ReportedAccount> accounts = new LinkedHashMap<>();
        final Map<String, ReportedToken> tokens = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        int seats;
        int releases;
        int revocations;
        int refusals;

        void read(String line) {
            var words = line.split(" ");
            switch (words[0]) {
                case "ACCOUNT" -> accounts.put(words[1], new ReportedAccount(words[2], Integer.parseInt(words[3])));
                case "TOKEN" -> {
                    if (!accounts.containsKey(words[2])) {
                        problems.add("report: token " + words[1] + " of an account never reported: " + line);
                    }
                    tokens.put(words[1], new ReportedToken(words[2], words[3]));
                }
                case "TRY-VERIFY" -> token(words[1], line).attempt = new State(false, words[2]);
                case "TRY-RELEASE" -> token(words[1], line).attempt = new State(false, null);
                case "TRY-REVOKE" -> token(words[1], line).attempt = new State(true, null);
                case "SEAT" -> {
                    close(words[1], line, new State(false, words[2]));
                    seats++;
                }
                case "RELEASED" -> {
                    close(words[1], line, new State(false, null));
                    releases++;
                }
                case "REVOKED" -> {
                    close(words[1], line, new State(true, null));
                    revocations++;
                }
                case "REFUSED" -> {
                    token(words[1], line).attempt = null;
                    refusals++;
                }
                default -> problems.add("report: a line the child does not write: " + line);
            }
        }

        private void close(String id, String line, State state) {
            var token = token(id, line);
            token.committed = state;
            token.attempt = null;
        }

        private ReportedToken token(String id, String line) {
            var token = tokens.get(id);
            if (token == null) {
                problems.add("report: a token never reported created: " + line);
                return new ReportedToken("?", "?");
            }
            return token;
        }

        int commits() {
            return accounts.size() + tokens.size() + seats + releases + revocations;
        }

        long cutAttempts() {
            return tokens.values().stream()
                    .filter(token -> token.attempt != null)
                    .count();
        }
    }

    // ---------------------------------------------------------------- what the database holds

    private record AccountRow(String plan, Integer limitOverride) {}

    private record TokenRow(String account, String kind, boolean revoked) {}

    private record SeatRow(String account, String state, String machine) {}

    private record EventRow(String account, String type, String token, String machine) {}

    private record Rows(
            Map<String, AccountRow> accounts,
            Map<String, TokenRow> tokens,
            Map<String, List<SeatRow>> seats,
            List<EventRow> events) {

        static Rows read(Handle handle) {
            var accounts = new HashMap<String, AccountRow>();
            handle.createQuery("SELECT id, plan, integration_limit_override FROM accounts")
                    .map((row, context) -> {
                        var override = (Number) row.getObject("integration_limit_override");
                        return Map.entry(
                                row.getString("id"),
                                new AccountRow(row.getString("plan"), override == null ? null : override.intValue()));
                    })
                    .forEach(entry -> accounts.put(entry.getKey(), entry.getValue()));
            var tokens = new HashMap<String, TokenRow>();
            handle.createQuery("SELECT id, account_id, kind, revoked_at FROM tokens")
                    .map((row, context) -> {
                        boolean revoked = row.getObject("revoked_at") != null;
                        return Map.entry(
                                row.getString("id"),
                                new TokenRow(row.getString("account_id"), row.getString("kind"), revoked));
                    })
                    .forEach(entry -> tokens.put(entry.getKey(), entry.getValue()));
            var seats = new HashMap<String, List<SeatRow>>();
            handle.createQuery("SELECT token_id, account_id, state, machine_id FROM seats")
                    .map((row, context) -> Map.entry(
                            row.getString("token_id"),
                            new SeatRow(
                                    row.getString("account_id"), row.getString("state"), row.getString("machine_id"))))
                    .forEach(entry -> seats.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                            .add(entry.getValue()));
            var events = handle.createQuery(
                            "SELECT account_id, type, token_id, machine_id FROM audit_events ORDER BY sequence")
                    .map((row, context) -> new EventRow(
                            row.getString("account_id"),
                            row.getString("type"),
                            row.getString("token_id"),
                            row.getString("machine_id")))
                    .list();
            return new Rows(accounts, tokens, seats, events);
        }

        /** The token's state in the database; null if its seat row is missing or doubled. */
        State stateOf(String token) {
            var row = tokens.get(token);
            var seat = seats.getOrDefault(token, List.of());
            if (row == null || seat.size() != 1) {
                return null;
            }
            return new State(
                    row.revoked(),
                    "ASSIGNED".equals(seat.get(0).state()) ? seat.get(0).machine() : null);
        }

        boolean hasEvent(String type, String account, String token, String machine) {
            return events.stream()
                    .anyMatch(event -> event.type().equals(type)
                            && event.account().equals(account)
                            && Objects.equals(event.token(), token)
                            && (machine == null || machine.equals(event.machine())));
        }
    }

    private static void checkReported(Ledger ledger, Rows rows, List<String> violations) {
        var settings = LicensingSettings.defaults();
        ledger.accounts.forEach((id, reported) -> {
            var row = rows.accounts.get(id);
            if (row == null) {
                violations.add("lost: reported account " + id + " is not in the database");
            } else if (!row.plan().equals(reported.plan()) || limitOf(row, settings) != reported.limit()) {
                violations.add("account " + id + " was reported " + reported + ", the database holds " + row);
            }
        });
        ledger.tokens.forEach((id, reported) -> {
            var row = rows.tokens.get(id);
            if (row == null) {
                violations.add("lost: reported token " + id + " is not in the database");
                return;
            }
            if (!row.account().equals(reported.account) || !row.kind().equals(reported.kind)) {
                violations.add("token " + id + " was reported as " + reported.kind + " of " + reported.account
                        + ", the database holds " + row);
            }
            var actual = rows.stateOf(id);
            if (actual == null) {
                violations.add("token " + id + " has "
                        + rows.seats.getOrDefault(id, List.of()).size() + " seat rows, not 1");
                return;
            }
            boolean asCommitted = actual.equals(reported.committed);
            boolean asAttempted = reported.attempt != null && actual.equals(reported.attempt);
            if (!asCommitted && !asAttempted) {
                violations.add("lost: token " + id + " was last reported " + reported.committed
                        + (reported.attempt == null ? "" : " (an attempt to leave it " + reported.attempt + " was cut)")
                        + ", the database holds it " + actual);
            }
        });
    }

    private static void checkInvariants(Rows rows, List<String> violations) {
        var settings = LicensingSettings.defaults();
        rows.accounts.forEach((id, account) -> {
            if (!rows.hasEvent("ACCOUNT_CREATED", id, null, null)) {
                violations.add("account " + id + " has no ACCOUNT_CREATED event");
            }
            long integrations = rows.tokens.values().stream()
                    .filter(token -> token.account().equals(id)
                            && token.kind().equals(TokenKind.INTEGRATION.name())
                            && !token.revoked())
                    .count();
            if (integrations > limitOf(account, settings)) {
                violations.add("R7: account " + id + " holds " + integrations + " unrevoked integration tokens, its"
                        + " limit is " + limitOf(account, settings));
            }
        });
        rows.tokens.forEach((id, token) -> {
            if (!rows.accounts.containsKey(token.account())) {
                violations.add("token " + id + " belongs to a missing account " + token.account());
            }
            var seats = rows.seats.getOrDefault(id, List.of());
            if (seats.size() != 1) {
                violations.add("R11: token " + id + " has " + seats.size() + " seat rows, not exactly 1");
            }
            for (var seat : seats) {
                if (!seat.account().equals(token.account())) {
                    violations.add("seat of token " + id + " is on account " + seat.account() + ", its token on "
                            + token.account());
                }
                if ("ASSIGNED".equals(seat.state()) && token.revoked()) {
                    violations.add("R8: seat of revoked token " + id + " is still assigned to " + seat.machine());
                }
                if ("ASSIGNED".equals(seat.state())
                        && !rows.hasEvent("SEAT_ASSIGNED", token.account(), id, seat.machine())
                        && !rows.hasEvent("SEAT_REACTIVATED", token.account(), id, seat.machine())) {
                    violations.add("R17: seat of token " + id + " is assigned to " + seat.machine()
                            + " without a SEAT_ASSIGNED event");
                }
            }
            if (!rows.hasEvent("TOKEN_CREATED", token.account(), id, null)) {
                violations.add("R17: token " + id + " has no TOKEN_CREATED event");
            }
            if (token.revoked() && !rows.hasEvent("TOKEN_REVOKED", token.account(), id, null)) {
                violations.add("R17: revoked token " + id + " has no TOKEN_REVOKED event");
            }
        });
        rows.seats.keySet().stream()
                .filter(token -> !rows.tokens.containsKey(token))
                .forEach(token -> violations.add("a seat row for a missing token " + token));
        rows.events.stream()
                .filter(event -> event.token() != null)
                .filter(event -> !rows.tokens.containsKey(event.token())
                        || !rows.tokens.get(event.token()).account().equals(event.account()))
                .forEach(event -> violations.add("audit event " + event + " names a token not of its account"));
    }

    /**
     * A child's worker may be killed after its use case committed but before it printed the fact:
     * at most one such write per worker and kill, and nothing else unreported.
     */
    private static void checkUnreported(Ledger ledger, Rows rows, List<String> violations) {
        int most = KILLS * WORKERS;
        long accounts = unreported(ledger.accounts.keySet(), rows.accounts.keySet());
        long tokens = unreported(ledger.tokens.keySet(), rows.tokens.keySet());
        if (accounts + tokens > most) {
            violations.add("the database holds " + accounts + " accounts and " + tokens + " tokens no child reported,"
                    + " more than the " + most + " writes the kills can have cut off before their report");
        }
    }

    private static long unreported(Set<String> reported, Set<String> stored) {
        return stored.stream().filter(id -> !reported.contains(id)).count();
    }

    private static int limitOf(AccountRow account, LicensingSettings settings) {
        if (account.limitOverride() != null) {
            return account.limitOverride();
        }
        return switch (Plan.valueOf(account.plan())) {
            case STARTER -> settings.starterIntegrationLimit();
            case PRO -> settings.proIntegrationLimit();
            case ENTERPRISE -> settings.enterpriseIntegrationLimit();
        };
    }

    /** One account, one token, one verification through the use cases on the reopened database. */
    private static void checkStillWritable(Database database, List<String> violations) {
        var useCases = UseCases.create(TestDatabases.ports(database, Clock.systemUTC()), LicensingSettings.defaults());
        var verified = useCases.createAccount()
                .createAccount(new CreateAccountUseCase.Command("after-crash@example.test", Plan.PRO, Option.none()))
                .flatMap(account -> useCases.createToken()
                        .createToken(new CreateTokenUseCase.Command(
                                account.id(), "after the crash", TokenKind.API, null, Option.none())))
                .flatMap(token -> useCases.verifyToken()
                        .verify(new VerifyTokenUseCase.Command(
                                TokenKind.API,
                                Option.some(token.secret().reveal()),
                                Option.some("after-crash-machine"),
                                Option.none(),
                                Option.none())));
        if (verified.isLeft()) {
            violations.add(
                    "the reopened database refused a new account, token and verification: " + verified.getLeft());
        }
    }
}
