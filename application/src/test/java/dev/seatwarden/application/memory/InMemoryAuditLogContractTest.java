package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.contract.AuditLogContract;
import dev.seatwarden.application.port.out.contract.Stores;

/** The auditLog contract, run against {@link InMemoryAuditLog}. */
class InMemoryAuditLogContractTest extends AuditLogContract {

    @Override
    protected Stores stores() {
        return InMemoryStores.fresh();
    }
}
