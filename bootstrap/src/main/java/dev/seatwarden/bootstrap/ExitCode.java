package dev.seatwarden.bootstrap;

/** The exit codes of cli-and-files.md. */
final class ExitCode {

    /** Done. */
    static final int OK = 0;
    /** Anything not named below; the message is on standard error. */
    static final int FAILURE = 1;
    /** Usage: a bad option or argument, a bad password on standard input, or VALIDATION_FAILED. */
    static final int USAGE = 2;
    /** Refused by the rules (the refusal's code is on standard error). */
    static final int REFUSED = 4;
    /** The database could not be reached. */
    static final int UNREACHABLE = 5;

    private ExitCode() {}
}
