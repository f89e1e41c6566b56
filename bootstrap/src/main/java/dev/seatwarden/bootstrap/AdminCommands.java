package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseException;
import dev.seatwarden.application.port.in.AccountView;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.application.port.in.OperatorReleaseSeatUseCase;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.token.TokenId;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The operator's commands, {@code admin …}: each opens the database (migrations first), acts, closes it. */
final class AdminCommands {

    private AdminCommands() {}

    /**
     * One account on one line, tab-separated: id, e-mail, plan, subscription, integration tokens in
     * use / limit. {@code create}, {@code set} and {@code list} all print this.
     */
    static String line(AccountView account) {
        return String.join(
                "\t",
                account.id().value(),
                account.email(),
                account.plan().name(),
                account.subscription().name(),
                account.integrationTokensInUse() + "/" + account.integrationTokenLimit());
    }

    /** Runs {@code action} on the opened database; a database that stops answering midway is exit 5. */
    static <T> T withDatabase(CliContext context, DatabaseOption database, Function<Wiring, T> action) {
        try (var wiring = database.open(context, context.clock())) {
            try {
                return action.apply(wiring);
            } catch (DatabaseException failure) {
                if (!wiring.database().isUp()) {
                    throw DatabaseOption.unreachable(failure);
                }
                throw failure;
            }
        }
    }

    /** A command that only holds subcommands: called alone, it is a usage error. */
    abstract static class Group implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing required subcommand");
        }
    }

    @Command(
            name = "admin",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "The operator's commands. They may run while a server uses the same database.")
    static final class Admin extends Group {}

    @Command(
            name = "account",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Make, change and list accounts.")
    static final class Account extends Group {}

    @Command(
            name = "seat",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Act on seats.")
    static final class Seat extends Group {}

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Makes an account that signs in with the password read from standard input (one line,"
                        + " 12 to 1024 characters).",
                "Prints: id, e-mail, plan, subscription, integration tokens in use/limit (tab-separated)."
            })
    static final class AccountCreate implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--email", required = true, paramLabel = "E", description = "The sign-in address.")
        String email;

        @Option(
                names = "--plan",
                required = true,
                paramLabel = "PLAN",
                description = "STARTER, PRO or ENTERPRISE (tokens need PRO or higher).")
        Plan plan;

        @Option(
                names = "--integration-limit",
                paramLabel = "N",
                description = "Integration token limit, if not the plan's default.")
        Integer integrationLimit;

        @Option(
                names = "--password-stdin",
                required = true,
                description = "Read the password from standard input (required: passwords are never arguments).")
        boolean passwordStdin;

        AccountCreate(CliContext context) {
            this.context = context;
        }

        @Mixin
        DatabaseOption database;

        @Override
        public Integer call() {
            var password = PasswordInput.readLine(context.in());
            var command = new OpenAccountUseCase.Command(
                    new CreateAccountUseCase.Command(email, plan, io.vavr.control.Option.of(integrationLimit)),
                    password);
            var account = withDatabase(
                    context,
                    database,
                    wiring -> Refusals.orFail(wiring.access().openAccount().openAccount(command)));
            context.out().println(line(account));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Changes an account's plan, subscription or integration token limit; each change is an audit event.",
                "Prints the changed account as 'account create' does."
            })
    static final class AccountSet implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--email", required = true, paramLabel = "E", description = "The account's address, any case.")
        String email;

        @Option(names = "--plan", paramLabel = "PLAN", description = "STARTER, PRO or ENTERPRISE.")
        Plan plan;

        @Option(names = "--subscription", paramLabel = "STATE", description = "ACTIVE or LAPSED.")
        Subscription subscription;

        @Option(names = "--integration-limit", paramLabel = "N", description = "Integration token limit.")
        Integer integrationLimit;

        @Mixin
        DatabaseOption database;

        AccountSet(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var command = new ChangeAccountUseCase.Command(
                    email,
                    io.vavr.control.Option.of(plan),
                    io.vavr.control.Option.of(subscription),
                    io.vavr.control.Option.of(integrationLimit));
            var account = withDatabase(
                    context,
                    database,
                    wiring -> Refusals.orFail(wiring.useCases().changeAccount().changeAccount(command)));
            context.out().println(line(account));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Lists every account, oldest first, one per line, tab-separated:",
                "id, e-mail, plan, subscription, integration tokens in use/limit."
            })
    static final class AccountList implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        DatabaseOption database;

        AccountList(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var accounts = withDatabase(
                    context,
                    database,
                    wiring -> wiring.useCases().listAccounts().listAccounts());
            accounts.forEach(account -> context.out().println(line(account)));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Releases a token's seat whatever the account's release quota; recorded with the reason.",
                "Prints '<token id> released'."
            })
    static final class SeatRelease implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--token-id", required = true, paramLabel = "ID", description = "The token (tok_…).")
        String tokenId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Mixin
        DatabaseOption database;

        SeatRelease(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (tokenId.isBlank()) {
                throw new CommandFailure(ExitCode.USAGE, "--token-id: give the token's id (tok_…)");
            }
            var command = new OperatorReleaseSeatUseCase.Command(new TokenId(tokenId.strip()), reason);
            var token = withDatabase(
                    context,
                    database,
                    wiring -> Refusals.orFail(
                            wiring.useCases().operatorReleaseSeat().releaseSeatAsOperator(command)));
            context.out().println(token.id().value() + " released");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "sweep",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Runs one inactivity sweep now (as the server does every minute), and forgets ended sessions.",
                "Prints how many seats were released and how many session records were purged."
            })
    static final class Sweep implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        DatabaseOption database;

        Sweep(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            int[] done = withDatabase(context, database, wiring -> new int[] {
                wiring.useCases().sweepInactiveSeats().sweep(),
                wiring.access().purgeSessions().purge()
            });
            context.out().println("seats released: " + done[0]);
            context.out().println("session records purged: " + done[1]);
            return ExitCode.OK;
        }
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Applies the migrations the database lacks, and exits.", "Prints how many were applied."})
    static final class Migrate implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        DatabaseOption database;

        Migrate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            int applied =
                    withDatabase(context, database, wiring -> wiring.database().migrationsApplied());
            context.out().println("migrations applied: " + applied);
            return ExitCode.OK;
        }
    }
}
