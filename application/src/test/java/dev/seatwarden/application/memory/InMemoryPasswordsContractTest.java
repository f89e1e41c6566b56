package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AccessStores;
import dev.seatwarden.application.port.out.contract.PasswordsContract;

/** The Passwords contract, run against {@link InMemoryPasswords}. */
class InMemoryPasswordsContractTest extends PasswordsContract {

    @Override
    protected AccessStores stores() {
        return InMemoryStores.freshAccess();
    }
}
