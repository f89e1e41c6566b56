package dev.seatwarden.application.port.out;

import io.vavr.control.Option;
import java.time.Instant;

/** Where signed-in sessions are kept, so that every server process sharing the database knows them. */
public interface Sessions {

    /** Stores a new session. */
    void save(StoredSession session);

    Option<StoredSession> find(String idHash);

    /** Records a request of the session at {@code at}; nothing if the session is gone. */
    void touch(String idHash, Instant at);

    /** Ends a session; nothing if it is gone already. */
    void delete(String idHash);

    /**
     * Deletes every session last seen before {@code lastSeenBefore} or signed in before
     * {@code signedInBefore}.
     *
     * @return how many were deleted
     */
    int deleteEnded(Instant lastSeenBefore, Instant signedInBefore);
}
