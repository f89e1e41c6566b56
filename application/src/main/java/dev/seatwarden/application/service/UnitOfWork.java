package dev.seatwarden.application.service;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Transactions;
import java.util.function.Supplier;

/**
 * Runs a use case's work in one transaction and, when a concurrent change is detected, runs it
 * again on fresh state (R16): a conflict is never lost, and never silently ignored.
 */
final class UnitOfWork {

    static final int MAX_ATTEMPTS = 50;

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
                Thread.onSpinWait();
            }
        }
    }
}
