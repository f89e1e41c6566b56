package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.SignInFailuresContract;

/** The SignInFailures contract, run against {@link InMemorySignInFailures}. */
class InMemorySignInFailuresContractTest extends SignInFailuresContract {

    @Override
    protected AccessStores stores() {
        return InMemoryStores.freshAccess();
    }
}
