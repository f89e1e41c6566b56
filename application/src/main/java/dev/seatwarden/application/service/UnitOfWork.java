package dev.seatwarden.application.service;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a use case's work in one transaction and, when a concurrent change is detected, runs it
 * again on fresh state (R16): a conflict is never lost, and never silently ignored. After a few
 * conflicts in a row it waits a random moment, longer each time (at most {@link #MAX_BACK_OFF_MS}),
 * so that units colliding on one row (token creations on one account, on PostgreSQL's
 * serializable isolation) spread out instead of colliding again until their attempts run out.
 */
final class UnitOfWork {

    static final int MAX_ATTEMPTS = 50;

    /** The longest wait between two attempts, in milliseconds. */
    static final int MAX_BACK_OFF_MS = 16;

    /** Attempts retried at once, before any wait. */
    private static final int IMMEDIATE_RETRIES = 2;

    private final Transactions transactions;

    UnitOfWork(Transactions transactions) {
        this.transactions = transactions;
    }

    <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (ConcurrentUpdateException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        if (attempt <= IMMEDIATE_RETRIES) {
            Thread.onSpinWait();
            return;
        }
        int ceiling = Math.min(MAX_BACK_OFF_MS, 1 << Math.min(attempt - IMMEDIATE_RETRIES, 4));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a unit of work", interrupted);
        }
    }
}
