package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AccountsContract;
import dev.seatwarden.application.port.out.contract.Stores;

/** The accounts contract, run against {@link InMemoryAccounts}. */
class InMemoryAccountsContractTest extends AccountsContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
