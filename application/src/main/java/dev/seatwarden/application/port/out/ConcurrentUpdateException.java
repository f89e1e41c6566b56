package dev.seatwarden.application.port.out;

/**
 * Thrown by a store when an aggregate changed since it was read (its version no longer matches),
 * or when a new one already exists. The use case's unit of work is rolled back and retried; the
 * change is never lost silently (R16).
 */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String what) {
        super(what + " was changed concurrently");
    }

    public ConcurrentUpdateException(String what, Throwable cause) {
        super(what + " was changed concurrently", cause);
    }
}
