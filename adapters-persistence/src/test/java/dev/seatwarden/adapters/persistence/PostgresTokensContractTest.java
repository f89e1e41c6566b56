package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TokensContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Tokens contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresTokensContractTest extends TokensContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected Stores stores() {
        return POSTGRES.freshStores();
    }
}
