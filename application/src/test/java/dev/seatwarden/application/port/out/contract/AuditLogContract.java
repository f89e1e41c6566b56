package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenToken;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.out.AuditLog;
import dev.seatwarden.application.port.out.AuditLog.Entry;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.shared.DomainEvent;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do (R17): keep events in the order they were appended, each
 * with a sequence number larger than any before it, and list one account's newest first, paged by
 * a limit and a cursor, every field kept exactly.
 *
 * <p>The log is called directly, outside any unit of work. The events' accounts and tokens are
 * stored first, so that a log may refer to them.
 */
public abstract class AuditLogContract {

    private static final int ALL = 1_000;

    private AuditLog log;
    private Account alice;
    private Account bob;
    private Token alicesToken;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    @BeforeEach
    void freshStores() {
        var stores = stores();
        log = stores.auditLog();
        alice = givenAccount(stores, "alice");
        bob = givenAccount(stores, "bob");
        alicesToken = givenToken(stores, alice.id(), 1);
    }

    @Test
    void events_are_listed_newest_first_in_the_order_they_were_appended_not_by_their_time() {
        // Given events appended in two batches, their times not in the order of appending
        var first = event(alice, 1, 500);
        var second = event(alice, 2, 100);
        var third = event(alice, 3, 300);
        var fourth = event(alice, 4, 300);
        var fifth = event(alice, 5, 200);
        log.append(List.of(first, second, third));
        log.append(List.of(fourth, fifth));

        // When the account's events are listed
        var listed = log.newestFirst(alice.id(), ALL, Option.none());

        // Then they come newest first, as appended
        assertThat(events(listed)).containsExactly(fifth, fourth, third, second, first);
    }

    @Test
    void sequence_numbers_strictly_increase_in_the_order_of_appending_across_batches_and_accounts() {
        // Given events of two accounts, interleaved within and across batches
        var appended = List.of(
                List.of(event(alice, 1, 1), event(bob, 2, 1), event(alice, 3, 1)),
                List.of(event(bob, 4, 2)),
                List.of(event(alice, 5, 3), event(alice, 6, 3), event(bob, 7, 3), event(alice, 8, 3)));
        appended.forEach(log::append);

        // When both accounts' events are listed
        var ofAlice = log.newestFirst(alice.id(), ALL, Option.none());
        var ofBob = log.newestFirst(bob.id(), ALL, Option.none());

        // Then each list's sequence numbers strictly decrease
        assertStrictlyDecreasing(ofAlice);
        assertStrictlyDecreasing(ofBob);

        // And all sequence numbers together order the events exactly as they were appended
        var merged = ofAlice.appendAll(ofBob).sortBy(Entry::sequence);
        assertThat(events(merged)).containsExactlyElementsOf(appended.flatMap(batch -> batch));
        assertThat(merged.map(Entry::sequence).distinct()).hasSize(8);
    }

    @Test
    void a_later_append_gets_a_sequence_number_larger_than_every_earlier_one() {
        // Given a first batch of events
        log.append(List.of(event(alice, 1, 1), event(bob, 2, 1)));
        var highest = log.newestFirst(alice.id(), ALL, Option.none())
                .appendAll(log.newestFirst(bob.id(), ALL, Option.none()))
                .map(Entry::sequence)
                .max()
                .get();

        // When another event is appended, after an empty batch
        log.append(List.empty());
        log.append(List.of(event(bob, 3, 2)));

        // Then its sequence number is larger than any before it
        assertThat(log.newestFirst(bob.id(), 1, Option.none()).head().sequence())
                .isGreaterThan(highest);
    }

    @Test
    void an_empty_batch_appends_nothing() {
        log.append(List.empty());
        assertThat(log.newestFirst(alice.id(), ALL, Option.none())).isEmpty();
    }

    @Test
    void the_limit_caps_how_many_of_the_newest_events_are_listed() {
        // Given five events of one account
        var events = List.rangeClosed(1, 5).map(n -> event(alice, n, n));
        log.append(events);

        // When they are listed with limits below, at and above their number
        // Then at most that many of the newest come back
        assertThat(events(log.newestFirst(alice.id(), 1, Option.none()))).containsExactly(events.get(4));
        assertThat(events(log.newestFirst(alice.id(), 2, Option.none()))).containsExactly(events.get(4), events.get(3));
        assertThat(events(log.newestFirst(alice.id(), 5, Option.none()))).containsExactlyElementsOf(events.reverse());
        assertThat(events(log.newestFirst(alice.id(), 6, Option.none()))).containsExactlyElementsOf(events.reverse());
        assertThat(log.newestFirst(alice.id(), 0, Option.none())).isEmpty();
    }

    @Test
    void the_before_cursor_lists_only_events_with_smaller_sequence_numbers() {
        // Given seven events of one account, interleaved with another's
        var ofAlice = List.rangeClosed(1, 7).map(n -> event(alice, n, n));
        for (int i = 0; i < ofAlice.size(); i++) {
            log.append(List.of(ofAlice.get(i), event(bob, 100 + i, 1)));
        }
        var all = log.newestFirst(alice.id(), ALL, Option.none());
        var fourth = all.get(3);

        // When listed before the fourth newest's sequence number
        var before = log.newestFirst(alice.id(), ALL, Option.some(fourth.sequence()));

        // Then exactly the three older ones come, newest first, the cursor's own event excluded
        assertThat(before).containsExactlyElementsOf(all.drop(4));

        // And a cursor between two of Alice's sequence numbers (a Bob event's) works the same
        var between = fourth.sequence() + 1;
        assertThat(all.map(Entry::sequence)).doesNotContain(between);
        assertThat(log.newestFirst(alice.id(), ALL, Option.some(between))).containsExactlyElementsOf(all.drop(3));

        // And a cursor at or below the oldest lists nothing; one above the newest lists all
        assertThat(log.newestFirst(alice.id(), ALL, Option.some(all.last().sequence())))
                .isEmpty();
        assertThat(log.newestFirst(alice.id(), ALL, Option.some(all.head().sequence() + 1000)))
                .containsExactlyElementsOf(all);
    }

    @Test
    void paging_with_limit_and_cursor_lists_every_event_once_newest_first() {
        // Given seven events of one account
        var ofAlice = List.rangeClosed(1, 7).map(n -> event(alice, n, n));
        log.append(ofAlice.take(4));
        log.append(List.of(event(bob, 99, 1)));
        log.append(ofAlice.drop(4));

        // When they are read three at a time, each page before the last one's oldest
        var first = log.newestFirst(alice.id(), 3, Option.none());
        var second = log.newestFirst(alice.id(), 3, Option.some(first.last().sequence()));
        var third = log.newestFirst(alice.id(), 3, Option.some(second.last().sequence()));
        var beyond = log.newestFirst(alice.id(), 3, Option.some(third.last().sequence()));

        // Then the pages hold 3, 3 and 1 events, together every one once, newest first
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3);
        assertThat(third).hasSize(1);
        assertThat(beyond).isEmpty();
        assertThat(events(first.appendAll(second).appendAll(third))).containsExactlyElementsOf(ofAlice.reverse());
    }

    @Test
    void an_account_never_sees_another_accounts_events() {
        // Given events of Alice and Bob, interleaved
        var alices = List.of(event(alice, 1, 1), event(alice, 3, 3));
        var bobs = List.of(event(bob, 2, 2), event(bob, 4, 4));
        log.append(List.of(alices.get(0), bobs.get(0), alices.get(1), bobs.get(1)));

        // When each account's events are listed, with and without a cursor
        var ofAlice = log.newestFirst(alice.id(), ALL, Option.none());
        var ofBob = log.newestFirst(bob.id(), ALL, Option.none());
        var olderOfBob =
                log.newestFirst(bob.id(), ALL, Option.some(ofAlice.head().sequence()));

        // Then each sees its own only; an account without events sees none
        assertThat(events(ofAlice)).containsExactly(alices.get(1), alices.get(0));
        assertThat(events(ofBob)).containsExactly(bobs.get(1), bobs.get(0));
        assertThat(events(olderOfBob)).containsExactly(bobs.get(0));
        assertThat(log.newestFirst(new AccountId("acc_nobody"), ALL, Option.none()))
                .isNotNull()
                .isEmpty();
    }

    @Test
    void every_field_of_every_event_type_round_trips() {
        // Given events of every type, with and without token, machine and detail, among them the
        // longest detail R22 allows (an operator's reason of 500 code points)
        var machine = new MachineId(text("Ab9!~{", MachineId.MAX_LENGTH));
        var details = List.of(
                Option.<String>none(),
                Option.some("OWNER"),
                Option.some("OPERATOR: " + text(UNICODE, 500)),
                Option.some("plan=ENTERPRISE"));
        var appended = List.<DomainEvent>empty();
        int n = 0;
        for (var type : EventType.values()) {
            for (var token : List.of(Option.<TokenId>none(), Option.some(alicesToken.id()))) {
                for (var onMachine : List.of(Option.<MachineId>none(), Option.some(machine))) {
                    n++;
                    appended = appended.append(new DomainEvent(
                            type, at(1_000_003L * n), alice.id(), token, onMachine, details.get(n % details.size())));
                }
            }
        }

        // When they are appended
        log.append(appended);

        // Then they are listed exactly as appended
        assertThat(events(log.newestFirst(alice.id(), ALL, Option.none())))
                .containsExactlyElementsOf(appended.reverse());
    }

    // ---- fixtures -----------------------------------------------------------------------------

    /** An event of {@code account}, told apart from others by {@code n}, at {@code micros}. */
    private static DomainEvent event(Account account, int n, long micros) {
        return DomainEvent.ofAccount(EventType.ACCOUNT_CHANGED, at(micros), account.id(), Option.some("event #" + n));
    }

    private static Seq<DomainEvent> events(Seq<Entry> entries) {
        return entries.map(Entry::event);
    }

    private static void assertStrictlyDecreasing(Seq<Entry> entries) {
        var sequences = entries.map(Entry::sequence);
        assertThat(sequences.zip(sequences.drop(1))).allMatch(pair -> pair._1 > pair._2);
    }
}
