package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.Sessions;
import dev.seatwarden.application.port.out.StoredSession;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sessions} must do: a saved session is found exactly by the hash of its id,
 * {@code touch} moves only its last activity, {@code delete} ends it, {@code deleteEnded} deletes
 * exactly those last seen before one instant or signed in before another (to the microsecond), and
 * a unit that fails writes nothing.
 */
public abstract class SessionsContract {

    private AccessStores stores;
    private Sessions sessions;
    private Account ada;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract AccessStores stores();

    @BeforeEach
    void freshStores() {
        // Given an account to sign in
        stores = stores();
        sessions = stores.sessions();
        ada = stores.givenAccount("ada");
    }

    @Test
    void a_saved_session_is_found_exactly_by_the_hash_of_its_id() {
        // Given a session
        var session = session("id-hash-1", ada.id(), at(10), at(20));

        // When it is saved
        sessions.save(session);

        // Then it is found by its id's hash, every field as saved, to the microsecond
        assertThat(sessions.find("id-hash-1")).containsExactly(session);
        var found = sessions.find("id-hash-1").get();
        assertThat(found.idHash()).isEqualTo("id-hash-1");
        assertThat(found.account()).isEqualTo(ada.id());
        assertThat(found.csrfHash()).isEqualTo("csrf-of-id-hash-1");
        assertThat(found.signedInAt()).isEqualTo(at(10));
        assertThat(found.lastSeenAt()).isEqualTo(at(20));
    }

    @Test
    void an_unknown_session_is_none_never_null() {
        sessions.save(session("id-hash-1", ada.id(), at(10), at(10)));

        assertThat(sessions.find("id-hash-2")).isNotNull().isEqualTo(Option.none());
        assertThat(sessions.find("ID-HASH-1")).isEqualTo(Option.none());
    }

    @Test
    void touch_moves_the_last_activity_and_nothing_else() {
        // Given two sessions
        var touched = session("id-hash-1", ada.id(), at(10), at(10));
        var other = session("id-hash-2", ada.id(), at(11), at(11));
        sessions.save(touched);
        sessions.save(other);

        // When one is touched, twice
        sessions.touch("id-hash-1", at(5_000_001));
        sessions.touch("id-hash-1", at(9_000_003));

        // Then its last activity is the last touch; nothing else changed
        assertThat(sessions.find("id-hash-1")).containsExactly(session("id-hash-1", ada.id(), at(10), at(9_000_003)));
        assertThat(sessions.find("id-hash-2")).containsExactly(other);
    }

    @Test
    void touching_a_session_that_is_gone_stores_nothing() {
        // When a session never stored, then one deleted, is touched
        sessions.save(session("id-hash-1", ada.id(), at(10), at(10)));
        sessions.delete("id-hash-1");
        sessions.touch("id-hash-1", at(20));
        sessions.touch("id-hash-never", at(20));

        // Then neither exists
        assertThat(sessions.find("id-hash-1")).isEmpty();
        assertThat(sessions.find("id-hash-never")).isEmpty();
        assertThat(sessions.deleteEnded(at(1_000_000_000), at(1_000_000_000))).isZero();
    }

    @Test
    void delete_ends_one_session_and_deleting_it_again_is_no_error() {
        // Given two sessions of one account
        var kept = session("id-hash-2", ada.id(), at(10), at(10));
        sessions.save(session("id-hash-1", ada.id(), at(10), at(10)));
        sessions.save(kept);

        // When one is deleted, twice, and an unknown one too
        sessions.delete("id-hash-1");
        sessions.delete("id-hash-1");
        sessions.delete("id-hash-never");

        // Then it is gone and the other is there
        assertThat(sessions.find("id-hash-1")).isEmpty();
        assertThat(sessions.find("id-hash-2")).containsExactly(kept);
    }

    @Test
    void delete_ended_deletes_exactly_those_last_seen_or_signed_in_strictly_before_the_bounds() {
        // Given the bounds, and sessions on either side of each, to the microsecond
        var lastSeenBefore = at(1_000_000);
        var signedInBefore = at(500_000);
        var bob = stores.givenAccount("bob");
        var idleJustBefore = session("idle-before", ada.id(), at(600_000), at(999_999));
        var idleAtBound = session("idle-at", ada.id(), at(600_000), at(1_000_000));
        var oldJustBefore = session("old-before", bob.id(), at(499_999), at(2_000_000));
        var oldAtBound = session("old-at", bob.id(), at(500_000), at(2_000_000));
        var both = session("both", bob.id(), at(1), at(2));
        var fresh = session("fresh", ada.id(), at(3_000_000), at(3_000_000));
        List.of(idleJustBefore, idleAtBound, oldJustBefore, oldAtBound, both, fresh)
                .forEach(sessions::save);

        // When the ended ones are deleted
        int deleted = sessions.deleteEnded(lastSeenBefore, signedInBefore);

        // Then those strictly before either bound are gone, and counted once each
        assertThat(deleted).isEqualTo(3);
        assertThat(sessions.find("idle-before")).isEmpty();
        assertThat(sessions.find("old-before")).isEmpty();
        assertThat(sessions.find("both")).isEmpty();
        assertThat(sessions.find("idle-at")).containsExactly(idleAtBound);
        assertThat(sessions.find("old-at")).containsExactly(oldAtBound);
        assertThat(sessions.find("fresh")).containsExactly(fresh);

        // And a second run finds nothing more to delete
        assertThat(sessions.deleteEnded(lastSeenBefore, signedInBefore)).isZero();
    }

    @Test
    void delete_ended_bounds_between_two_microseconds_compare_as_the_instants_do() {
        // Given sessions last seen, and signed in, exactly at a microsecond
        var idle = session("idle", ada.id(), at(2_000_000), at(1_000_000));
        var old = session("old", ada.id(), at(500_000), at(3_000_000));
        sessions.save(idle);
        sessions.save(old);

        // When the bounds are a nanosecond after those microseconds, then both are before them
        assertThat(sessions.deleteEnded(at(1_000_000).plusNanos(1), at(500_000).plusNanos(1)))
                .isEqualTo(2);
        assertThat(sessions.find("idle")).isEmpty();
        assertThat(sessions.find("old")).isEmpty();
    }

    @Test
    void delete_ended_on_an_empty_store_deletes_nothing() {
        assertThat(sessions.deleteEnded(at(1_000_000), at(1_000_000))).isZero();
    }

    @Test
    void long_keys_and_text_beyond_ascii_round_trip() {
        // Given sessions whose hashes are long, or beyond ASCII
        var longId = text("0123456789abcdef", 256);
        var unicodeId = text(UNICODE, 100);
        var unicode = new StoredSession(unicodeId, ada.id(), text(UNICODE, 64), at(7), at(8));
        var long_ = new StoredSession(longId, ada.id(), text("fedcba9876543210", 256), at(7), at(8));

        // When they are saved and touched
        sessions.save(unicode);
        sessions.save(long_);
        sessions.touch(unicodeId, at(9));

        // Then they are found exactly by those keys, and only by them
        assertThat(sessions.find(unicodeId))
                .containsExactly(new StoredSession(unicodeId, ada.id(), unicode.csrfHash(), at(7), at(9)));
        assertThat(sessions.find(longId)).containsExactly(long_);
        assertThat(sessions.find(longId.substring(0, 255))).isEmpty();
    }

    @Test
    void instants_far_apart_round_trip_to_the_microsecond() {
        // Given a session signed in long ago and seen far in the future
        var session = session("id-hash-1", ada.id(), Instant.parse("2001-02-03T04:05:06.123456Z"), at(86_400_000_001L));

        // When it is saved, then it is found exactly
        sessions.save(session);
        assertThat(sessions.find("id-hash-1")).containsExactly(session);
    }

    @Test
    void a_unit_that_fails_leaves_every_session_as_it_was() {
        // Given two stored sessions
        var touched = session("id-hash-1", ada.id(), at(10), at(10));
        var deleted = session("id-hash-2", ada.id(), at(10), at(10));
        sessions.save(touched);
        sessions.save(deleted);

        // When a unit saves, touches, deletes and deletes the ended ones, then fails
        var failure = new IllegalStateException("the unit failed");
        assertThatThrownBy(() -> stores.transactions().inTransaction(() -> {
                    sessions.save(session("id-hash-3", ada.id(), at(10), at(10)));
                    sessions.touch("id-hash-1", at(99));
                    sessions.delete("id-hash-2");
                    sessions.deleteEnded(at(1_000_000), at(1_000_000));
                    throw failure;
                }))
                .isSameAs(failure);

        // Then every session is as it was
        assertThat(sessions.find("id-hash-1")).containsExactly(touched);
        assertThat(sessions.find("id-hash-2")).containsExactly(deleted);
        assertThat(sessions.find("id-hash-3")).isEmpty();
    }

    @Test
    void a_unit_reads_its_own_writes_and_commits_them() {
        // When a unit saves a session, touches it and reads it back
        var read = stores.transactions().inTransaction(() -> {
            sessions.save(session("id-hash-1", ada.id(), at(10), at(10)));
            sessions.touch("id-hash-1", at(20));
            return sessions.find("id-hash-1");
        });

        // Then it saw its writes, and they are there after the unit
        var expected = session("id-hash-1", ada.id(), at(10), at(20));
        assertThat(read).containsExactly(expected);
        assertThat(sessions.find("id-hash-1")).containsExactly(expected);
    }

    private static StoredSession session(String idHash, AccountId account, Instant signedInAt, Instant lastSeenAt) {
        return new StoredSession(idHash, account, "csrf-of-" + idHash, signedInAt, lastSeenAt);
    }
}
