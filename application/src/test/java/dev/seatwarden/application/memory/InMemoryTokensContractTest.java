package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.Stores;
import dev.seatwarden.application.port.out.contract.TokensContract;

/** The tokens contract, run against {@link InMemoryTokens}. */
class InMemoryTokensContractTest extends TokensContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
