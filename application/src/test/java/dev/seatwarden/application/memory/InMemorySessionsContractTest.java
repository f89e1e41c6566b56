package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.SessionsContract;

/** The Sessions contract, run against {@link InMemorySessions}. */
class InMemorySessionsContractTest extends SessionsContract {

    @Override
    protected AccessStores stores() {
        return InMemoryStores.freshAccess();
    }
}
