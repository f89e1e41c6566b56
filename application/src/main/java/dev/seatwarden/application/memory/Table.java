package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An immutable map of versioned rows behind a volatile reference: reads never lock, writes check
 * the version like {@code UPDATE … WHERE version = :version} would.
 */
final class Table<K, V> implements Snapshotting {

    private final String what;
    private final Function<V, K> key;
    private final ToLongFunction<V> version;
    private final BiFunction<V, Long, V> withVersion;
    private volatile Map<K, V> rows = LinkedHashMap.empty();

    Table(String what, Function<V, K> key, ToLongFunction<V> version, BiFunction<V, Long, V> withVersion) {
        this.what = what;
        this.key = key;
        this.version = version;
        this.withVersion = withVersion;
    }

    Option<V> get(K id) {
        return rows.get(id);
    }

    Map<K, V> rows() {
        return rows;
    }

    /** Inserts a row read at version 0, or updates one whose stored version is the one it was read at. */
    synchronized V save(V row) {
        var id = key.apply(row);
        long readAt = version.applyAsLong(row);
        var stored = rows.get(id);
        if (readAt == 0 ? stored.isDefined() : !stored.exists(current -> version.applyAsLong(current) == readAt)) {
            throw new ConcurrentUpdateException(what + " " + id);
        }
        var next = withVersion.apply(row, readAt + 1);
        rows = rows.put(id, next);
        return next;
    }

    @Override
    public Object snapshot() {
        return rows;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        rows = (Map<K, V>) snapshot;
    }
}
