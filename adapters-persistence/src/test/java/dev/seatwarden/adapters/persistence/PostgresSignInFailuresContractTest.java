package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.SignInFailuresContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SignInFailures contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresSignInFailuresContractTest extends SignInFailuresContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected AccessStores stores() {
        return POSTGRES.freshAccessStores();
    }
}
