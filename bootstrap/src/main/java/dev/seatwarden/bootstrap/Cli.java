package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code serve}, the operator's {@code admin} commands and the client commands,
 * wired by hand on a {@link CliContext}, with the exit codes of cli-and-files.md.
 */
final class Cli {

    private final CliContext context;
    private final CommandLine commandLine;

    Cli(CliContext context) {
        this.context = context;
        this.commandLine = build(context);
    }

    private static CommandLine build(CliContext context) {
        var account = new CommandLine(new AdminCommands.Account())
                .addSubcommand(new AdminCommands.AccountCreate(context))
                .addSubcommand(new AdminCommands.AccountSet(context))
                .addSubcommand(new AdminCommands.AccountList(context));
        var seat = new CommandLine(new AdminCommands.Seat()).addSubcommand(new AdminCommands.SeatRelease(context));
        var admin = new CommandLine(new AdminCommands.Admin())
                .addSubcommand(account)
                .addSubcommand(seat)
                .addSubcommand(new AdminCommands.Sweep(context))
                .addSubcommand(new AdminCommands.Migrate(context));
        var credentials = new CommandLine(new ClientCommands.Credentials())
                .addSubcommand(new ClientCommands.CredentialsWrite(context))
                .addSubcommand(new ClientCommands.CredentialsCheck(context));
        var top = new CommandLine(new SeatwardenCommand())
                .addSubcommand(new ServeCommand(context))
                .addSubcommand(admin)
                .addSubcommand(new ClientCommands.Login(context))
                .addSubcommand(new ClientCommands.WhoAmI(context))
                .addSubcommand(credentials)
                .addSubcommand(new ClientCommands.MachineIdCommand(context));
        // set last: these settings reach only the subcommands added before
        top.setCaseInsensitiveEnumValuesAllowed(true);
        top.setOut(context.out());
        top.setErr(context.err());
        top.setParameterExceptionHandler(Cli::onBadParameter);
        top.setExecutionExceptionHandler((failure, command, parsed) -> onFailure(context, failure, command));
        return top;
    }

    /** Runs the command line; answers the exit code. */
    int execute(String... args) {
        try {
            return commandLine.execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** What looks like a token ({@code swa_…}, {@code swi_…}) in picocli's messages, which repeat arguments. */
    private static final Pattern TOKEN = Pattern.compile("sw[ai]_[0-9A-Za-z]*");

    /**
     * A usage error (exit 2) as picocli reports it, but with any token the user typed as an argument
     * cut out: the message, the suggestions and the usage, on standard error.
     */
    private static int onBadParameter(ParameterException failure, String[] args) {
        var command = failure.getCommandLine();
        var err = command.getErr();
        var message = String.valueOf(failure.getMessage());
        var redacted = TOKEN.matcher(message).replaceAll("[a token]");
        err.println(redacted);
        if (!redacted.equals(message)) {
            err.println("Give a token on standard input, never as an argument (where shell history and the process"
                    + " list keep it).");
        } else {
            UnmatchedArgumentException.printSuggestions(failure, err);
        }
        command.usage(err);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Exit code and message of a failed command: the message only, unless $SEATWARDEN_DEBUG asks for the trace. */
    private static int onFailure(CliContext context, Exception failure, CommandLine command) {
        var err = command.getErr();
        int code;
        String message;
        if (failure instanceof CommandFailure ended) {
            code = ended.exitCode();
            message = ended.getMessage();
        } else if (failure instanceof DatabaseException database) {
            code = ExitCode.FAILURE;
            message = database.getMessage();
        } else {
            code = ExitCode.FAILURE;
            message = failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
        err.println("seatwarden: " + message);
        if (context.debug()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
