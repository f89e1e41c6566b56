package dev.seatwarden.bootstrap;

/**
 * Ends a command with an exit code and a message for standard error. The message must never hold
 * a secret: it is printed as is.
 */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause, false, true);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
