package dev.seatwarden.adapters.persistence;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.VerificationReadsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verification reads contract on PostgreSQL (the three stores, one after the other): a schema of its own, emptied before every test. */
class PostgresVerificationReadsContractTest extends VerificationReadsContract {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    protected Stores stores() {
        return POSTGRES.freshStores();
    }
}
