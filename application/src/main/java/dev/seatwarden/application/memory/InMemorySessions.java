package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.StoredSession;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Instant;

/** {@link Sessions} in memory; thread-safe. */
public final class InMemorySessions implements Sessions, Snapshotting {

    private volatile Map<String, StoredSession> sessions = HashMap.empty();

    @Override
    public synchronized void save(StoredSession session) {
        sessions = sessions.put(session.idHash(), session);
    }

    @Override
    public Option<StoredSession> find(String idHash) {
        return sessions.get(idHash);
    }

    @Override
    public synchronized void touch(String idHash, Instant at) {
        sessions = sessions.computeIfPresent(
                        idHash, (id, s) -> new StoredSession(s.idHash(), s.account(), s.csrfHash(), s.signedInAt(), at))
                ._2;
    }

    @Override
    public synchronized void delete(String idHash) {
        sessions = sessions.remove(idHash);
    }

    @Override
    public synchronized int deleteEnded(Instant lastSeenBefore, Instant signedInBefore) {
        var kept = sessions.filterValues(
                s -> !s.lastSeenAt().isBefore(lastSeenBefore) && !s.signedInAt().isBefore(signedInBefore));
        int deleted = sessions.size() - kept.size();
        sessions = kept;
        return deleted;
    }

    @Override
    public Object snapshot() {
        return sessions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        sessions = (Map<String, StoredSession>) snapshot;
    }
}
