package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.PasswordsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Passwords contract on PostgreSQL: a schema of its own, emptied before every test. */
class PostgresPasswordsContractTest extends PasswordsContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected AccessStores stores() {
        return POSTGRES.freshAccessStores();
    }
}
