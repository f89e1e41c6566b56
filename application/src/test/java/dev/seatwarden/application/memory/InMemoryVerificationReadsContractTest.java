package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.VerificationReadsContract;

/** The verification reads contract, read through the in-memory stores ({@code VerificationReads.through}). */
class InMemoryVerificationReadsContractTest extends VerificationReadsContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
