package dev.seatwarden.bootstrap;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: without a subcommand, it prints the help. */
@Command(
        name = "seatwarden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Seatwarden: API tokens and integration tokens, one seat each.",
        footer = {
            "",
            "Exit codes: 0 done; 1 anything else; 2 usage (or an invalid value); 3 a credential (a file, or a"
                    + " token on standard input) is missing, unreadable or invalid; 4 refused by the rules or the"
                    + " server (its code on standard error); 5 the database or the server could not be reached"
                    + " (or timed out)."
        })
final class SeatwardenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
