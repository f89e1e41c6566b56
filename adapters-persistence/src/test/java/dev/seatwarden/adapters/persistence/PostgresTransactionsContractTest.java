package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TransactionsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Transactions contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresTransactionsContractTest extends TransactionsContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    /**
     * Every unit here updates the same row: at SERIALIZABLE all but one of the threads' units fail
     * and are retried each round, so fewer units keep the test short.
     */
    @Override
    protected int unitsPerThread() {
        return 40;
    }

    @Override
    protected Stores stores() {
        return POSTGRES.freshStores();
    }
}
