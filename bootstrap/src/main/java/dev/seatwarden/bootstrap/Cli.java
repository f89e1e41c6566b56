package dev.seatwarden.bootstrap;

import dev.seatwarden.adapters.persistence.DatabaseException;
import picocli.CommandLine;

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
