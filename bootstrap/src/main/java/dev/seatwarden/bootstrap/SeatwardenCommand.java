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
            "Exit codes: 0 done; 1 anything else; 2 usage (or an invalid value); 4 refused by the rules"
                    + " (its code on standard error); 5 the database could not be reached."
        })
final class SeatwardenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
