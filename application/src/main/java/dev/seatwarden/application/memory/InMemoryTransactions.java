package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.Transactions;
import io.vavr.collection.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link Transactions} over in-memory stores: one unit of work at a time (so, serialisable), and a
 * unit that throws leaves every store as it found it.
 */
final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Snapshotting> stores;

    InMemoryTransactions(List<Snapshotting> stores) {
        this.stores = stores;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            var snapshots = stores.map(Snapshotting::snapshot);
            try {
                return work.get();
            } catch (RuntimeException | Error failure) {
                stores.zip(snapshots).forEach(pair -> pair._1.restore(pair._2));
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }
}
