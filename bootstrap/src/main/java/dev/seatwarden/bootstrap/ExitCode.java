package dev.seatwarden.bootstrap;

/** The exit codes of cli-and-files.md. */
final class ExitCode {

    /** Done. */
    static final int OK = 0;
    /** Anything not named below; the message is on standard error. */
    static final int FAILURE = 1;
    /** Usage: a bad option or argument, a bad password on standard input, or VALIDATION_FAILED. */
    static final int USAGE = 2;
    /** A credential (a file, or a token given on standard input) is missing, unreadable or invalid. */
    static final int CREDENTIAL = 3;
    /** Refused by the rules (the refusal's code is on standard error). */
    static final int REFUSED = 4;
    /** The database, or for the client commands the server, could not be reached (or timed out). */
    static final int UNREACHABLE = 5;

    private ExitCode() {}
}
