package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TransactionsContract;

/** The transactions contract, run against {@link InMemoryTransactions}, over the in-memory stores. */
class InMemoryTransactionsContractTest extends TransactionsContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
