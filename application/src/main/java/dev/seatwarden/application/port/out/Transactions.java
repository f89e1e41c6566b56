package dev.seatwarden.application.port.out;

import java.util.function.Supplier;

/**
 * The unit of work: a use case's reads and writes run inside one call, which an adapter makes
 * atomic (all written or none) and isolated enough that versions catch concurrent changes.
 */
public interface Transactions {

    /**
     * Runs {@code work} as one unit: committed when it returns, rolled back when it throws.
     *
     * @throws ConcurrentUpdateException when a concurrent change was detected; the caller may retry
     */
    <T> T inTransaction(Supplier<T> work);
}
