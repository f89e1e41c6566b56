package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.SignInFailures;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.time.Instant;

/** {@link SignInFailures} in memory; thread-safe. */
public final class InMemorySignInFailures implements SignInFailures, Snapshotting {

    private volatile Map<String, List<Instant>> failures = HashMap.empty();

    @Override
    public synchronized void record(String emailKey, Instant at) {
        failures = failures.put(
                emailKey, failures.get(emailKey).getOrElse(List.empty()).append(at));
    }

    @Override
    public List<Instant> since(String emailKey, Instant from) {
        return failures.get(emailKey)
                .getOrElse(List.empty())
                .filter(at -> !at.isBefore(from))
                .sorted();
    }

    @Override
    public synchronized void clear(String emailKey) {
        failures = failures.remove(emailKey);
    }

    @Override
    public synchronized int deleteBefore(Instant before) {
        int total = failures.values().map(List::size).sum().intValue();
        failures = failures.mapValues(list -> list.filter(at -> !at.isBefore(before)))
                .filterValues(list -> !list.isEmpty());
        return total - failures.values().map(List::size).sum().intValue();
    }

    @Override
    public Object snapshot() {
        return failures;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        failures = (Map<String, List<Instant>>) snapshot;
    }
}
