package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.SessionsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Sessions contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresSessionsContractTest extends SessionsContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected AccessStores stores() {
        return POSTGRES.freshAccessStores();
    }
}
