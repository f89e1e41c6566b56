package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccountsContract;
import dev.seatwarden.application.port.out.contract.Stores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Accounts contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresAccountsContractTest extends AccountsContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected Stores stores() {
        return POSTGRES.freshStores();
    }
}
