package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.longAgo;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.SignInFailures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SignInFailures} must do: failures are listed per key from an instant on
 * (inclusive), oldest first, each one as often as it was recorded; {@code clear} forgets one key's,
 * {@code deleteBefore} every key's before an instant (exclusive) and counts them; a unit that fails
 * writes nothing. Keys need not belong to an account and are compared exactly.
 */
public abstract class SignInFailuresContract {

    private AccessStores stores;
    private SignInFailures failures;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract AccessStores stores();

    @BeforeEach
    void freshStores() {
        stores = stores();
        failures = stores.signInFailures();
    }

    @Test
    void an_unknown_key_has_no_failures_never_null() {
        failures.record("key-a", at(10));

        assertThat(failures.since("key-b", longAgo())).isNotNull().isEmpty();
        assertThat(failures.since("KEY-A", longAgo())).isEmpty();
    }

    @Test
    void since_lists_the_failures_from_an_instant_on_inclusive_oldest_first() {
        // Given failures recorded out of order, to the microsecond
        failures.record("key-a", at(300));
        failures.record("key-a", at(100));
        failures.record("key-a", at(200));
        failures.record("key-a", at(199));

        // When they are listed from 200 µs on
        var listed = failures.since("key-a", at(200));

        // Then those at or after it are listed, oldest first
        assertThat(listed).containsExactly(at(200), at(300));
        assertThat(failures.since("key-a", at(99))).containsExactly(at(100), at(199), at(200), at(300));
        assertThat(failures.since("key-a", at(301))).isEmpty();
    }

    @Test
    void two_failures_at_the_same_moment_both_count() {
        // When two failures of one key are recorded at the same microsecond
        failures.record("key-a", at(100));
        failures.record("key-a", at(100));

        // Then both are listed
        assertThat(failures.since("key-a", at(100))).containsExactly(at(100), at(100));
    }

    @Test
    void each_key_has_its_own_failures_and_clear_forgets_only_its_own() {
        // Given failures of two keys
        failures.record("key-a", at(1));
        failures.record("key-b", at(2));
        failures.record("key-a", at(3));

        // Then each lists only its own
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(1), at(3));
        assertThat(failures.since("key-b", longAgo())).containsExactly(at(2));

        // When one key's are cleared, twice, and an unknown key's
        failures.clear("key-a");
        failures.clear("key-a");
        failures.clear("key-never");

        // Then that key has none and the other keeps its own
        assertThat(failures.since("key-a", longAgo())).isEmpty();
        assertThat(failures.since("key-b", longAgo())).containsExactly(at(2));

        // And a failure recorded after the clear counts afresh
        failures.record("key-a", at(4));
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(4));
    }

    @Test
    void delete_before_forgets_every_keys_failures_strictly_before_and_counts_them() {
        // Given failures of two keys on either side of an instant
        failures.record("key-a", at(999));
        failures.record("key-a", at(1_000));
        failures.record("key-b", at(1));
        failures.record("key-b", at(999));
        failures.record("key-b", at(5_000));

        // When those before 1000 µs are deleted
        int deleted = failures.deleteBefore(at(1_000));

        // Then three are gone, and those at or after it are kept
        assertThat(deleted).isEqualTo(3);
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(1_000));
        assertThat(failures.since("key-b", longAgo())).containsExactly(at(5_000));

        // And a second run deletes nothing
        assertThat(failures.deleteBefore(at(1_000))).isZero();
    }

    @Test
    void bounds_between_two_microseconds_compare_as_the_instants_do() {
        // Given failures at 200 and 300 µs
        failures.record("key-a", at(200));
        failures.record("key-a", at(300));

        // Then a bound a nanosecond after 200 µs lists and keeps only the later one
        assertThat(failures.since("key-a", at(200).plusNanos(1))).containsExactly(at(300));
        assertThat(failures.deleteBefore(at(200).plusNanos(1))).isEqualTo(1);
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(300));
    }

    @Test
    void delete_before_on_an_empty_store_deletes_nothing() {
        assertThat(failures.deleteBefore(at(1_000_000))).isZero();
    }

    @Test
    void long_keys_and_keys_beyond_ascii_are_kept_apart_exactly() {
        // Given keys that are long, beyond ASCII, and differ only in their last character
        var hashLike = text("0123456789abcdef", 64);
        var unicode = text(UNICODE, 254);
        var unicodeTwin = unicode.substring(0, unicode.length() - 2) + "x";
        failures.record(hashLike, at(1));
        failures.record(unicode, at(2));
        failures.record(unicodeTwin, at(3));

        // Then each is listed under its own key only
        assertThat(failures.since(hashLike, longAgo())).containsExactly(at(1));
        assertThat(failures.since(unicode, longAgo())).containsExactly(at(2));
        assertThat(failures.since(unicodeTwin, longAgo())).containsExactly(at(3));

        // And clear finds the key exactly
        failures.clear(unicode);
        assertThat(failures.since(unicode, longAgo())).isEmpty();
        assertThat(failures.since(unicodeTwin, longAgo())).containsExactly(at(3));
    }

    @Test
    void a_unit_that_fails_leaves_every_failure_as_it_was() {
        // Given failures of two keys
        failures.record("key-a", at(1));
        failures.record("key-b", at(2));

        // When a unit records, clears and deletes, then fails
        var failure = new IllegalStateException("the unit failed");
        assertThatThrownBy(() -> stores.transactions().inTransaction(() -> {
                    failures.record("key-a", at(3));
                    failures.record("key-c", at(4));
                    failures.clear("key-b");
                    failures.deleteBefore(at(2));
                    throw failure;
                }))
                .isSameAs(failure);

        // Then every key's failures are as they were
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(1));
        assertThat(failures.since("key-b", longAgo())).containsExactly(at(2));
        assertThat(failures.since("key-c", longAgo())).isEmpty();
    }

    @Test
    void a_unit_reads_its_own_writes_and_commits_them() {
        // When a unit records failures and lists them
        var read = stores.transactions().inTransaction(() -> {
            failures.record("key-a", at(2));
            failures.record("key-a", at(1));
            return failures.since("key-a", longAgo());
        });

        // Then it saw them, and they are there after the unit
        assertThat(read).containsExactly(at(1), at(2));
        assertThat(failures.since("key-a", longAgo())).containsExactly(at(1), at(2));
    }
}
