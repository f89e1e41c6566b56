package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenToken;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Seats;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.seat.ReleaseKind;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Seats} must do: one seat per token (R11), versions checked on save, nothing
 * written by a refused save, free and assigned seats kept exactly, the assigned ones listed for the
 * sweep (R13).
 *
 * <p>The store is called directly, outside any unit of work; each call then stands on its own. The
 * seats' accounts and tokens are stored first, so that a store may refer to them.
 */
public abstract class SeatsContract {

    private static final MachineId LONGEST_MACHINE = new MachineId(text("Ab9!~{", MachineId.MAX_LENGTH));

    private Stores stores;
    private Seats seats;
    private Account owner;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    @BeforeEach
    void freshStores() {
        stores = stores();
        seats = stores.seats();
        owner = givenAccount(stores, "owner");
    }

    @Test
    void a_new_free_seat_saved_at_version_0_is_found_at_version_1() {
        // Given the free seat of a new token
        var token = givenToken(stores, owner.id(), 1);
        var seat = Seat.of(token.id(), token.account());

        // When it is saved
        seats.save(seat);

        // Then it is found by its token, at version 1, and is not among the assigned
        assertThat(seats.findByToken(token.id())).containsExactly(seat.withVersion(1));
        assertThat(seats.assigned()).isEmpty();
    }

    @Test
    void a_free_seat_round_trips_with_and_without_the_machine_it_was_released_from() {
        // Given two free seats, one released manually from the longest machine id R11 allows
        var never = new FreeSeat(givenToken(stores, owner.id(), 1).id(), owner.id(), Option.none(), 0);
        var released =
                new FreeSeat(givenToken(stores, owner.id(), 2).id(), owner.id(), Option.some(LONGEST_MACHINE), 0);

        // When they are saved
        seats.save(never);
        seats.save(released);

        // Then each is found exactly as saved
        assertThat(seats.findByToken(never.token())).containsExactly(never.withVersion(1));
        assertThat(seats.findByToken(released.token())).containsExactly(released.withVersion(1));
    }

    @Test
    void an_assigned_seat_round_trips() {
        // Given a seat assigned to the longest machine id, stored as such from the start
        var token = givenToken(stores, owner.id(), 1);
        var seat = new AssignedSeat(token.id(), owner.id(), LONGEST_MACHINE, at(1_234_567), at(7_654_321), 0);

        // When it is saved, then it is found exactly, and listed as assigned
        seats.save(seat);
        assertThat(seats.findByToken(token.id())).containsExactly(seat.withVersion(1));
        assertThat(seats.assigned()).containsExactly(seat.withVersion(1));
    }

    @Test
    void a_free_seat_saved_as_assigned_and_back_is_found_in_each_state_with_its_version_bumped() {
        // Given a stored free seat
        var token = givenToken(stores, owner.id(), 1);
        seats.save(Seat.of(token.id(), token.account()));
        var free = seats.findByToken(token.id()).get();

        // When a machine claims it, it is saved as assigned
        var assigned = new AssignedSeat(token.id(), owner.id(), new MachineId("workstation-A"), at(10), at(10), 1);
        seats.save(assigned);

        // Then it is found assigned, at version 2, and listed as assigned
        assertThat(free).isEqualTo(Seat.of(token.id(), token.account()).withVersion(1));
        assertThat(seats.findByToken(token.id())).containsExactly(assigned.withVersion(2));
        assertThat(seats.assigned()).containsExactly(assigned.withVersion(2));

        // When its activity is recorded, then it is found with the new activity
        var active = new AssignedSeat(token.id(), owner.id(), new MachineId("workstation-A"), at(10), at(99), 2);
        seats.save(active);
        assertThat(seats.findByToken(token.id())).containsExactly(active.withVersion(3));

        // When it is released manually, it is saved free again, remembering the machine
        var releasedFree = active.withVersion(3)
                .freeAs(ReleaseKind.MANUAL, Option.none(), at(100))
                .value();
        seats.save(releasedFree);

        // Then it is found free, at version 4, and no longer listed as assigned
        assertThat(releasedFree.releasedManuallyFrom()).contains(new MachineId("workstation-A"));
        assertThat(seats.findByToken(token.id())).containsExactly(releasedFree.withVersion(4));
        assertThat(seats.assigned()).isEmpty();
    }

    @Test
    void a_change_read_at_a_stale_version_is_refused_and_changes_nothing() {
        // Given two machines' verifications that read the same free seat at version 1
        var token = givenToken(stores, owner.id(), 1);
        seats.save(Seat.of(token.id(), token.account()));
        var readByA = seats.findByToken(token.id()).get();
        var readByB = seats.findByToken(token.id()).get();

        // When A's claim is saved first
        var toA = assign(readByA, "machine-A");
        seats.save(toA);

        // Then B's claim, read at the stale version, is refused (R16: exactly one machine gets it)
        var toB = assign(readByB, "machine-B");
        assertThatThrownBy(() -> seats.save(toB)).isInstanceOf(ConcurrentUpdateException.class);

        // And the seat is A's
        assertThat(seats.findByToken(token.id())).containsExactly(toA.withVersion(2));
        assertThat(seats.assigned()).containsExactly(toA.withVersion(2));
    }

    @Test
    void a_change_at_a_version_the_store_never_had_is_refused_and_changes_nothing() {
        // Given a seat stored at version 1
        var token = givenToken(stores, owner.id(), 1);
        seats.save(Seat.of(token.id(), token.account()));
        var stored = seats.findByToken(token.id()).get();

        // When a claim says it was read at version 2, then it is refused
        assertThatThrownBy(() -> seats.save(assign(stored, "machine-A").withVersion(2)))
                .isInstanceOf(ConcurrentUpdateException.class);

        // And the seat is as stored
        assertThat(seats.findByToken(token.id())).containsExactly(stored);
        assertThat(seats.assigned()).isEmpty();
    }

    @Test
    void a_change_to_a_seat_never_stored_is_refused_and_stores_nothing() {
        // Given a token without a stored seat, and a seat that claims to have been read at version 1
        var token = givenToken(stores, owner.id(), 1);
        var neverStored = new AssignedSeat(token.id(), owner.id(), new MachineId("machine-A"), at(1), at(1), 1);

        // When it is saved, then it is refused, and nothing was stored
        assertThatThrownBy(() -> seats.save(neverStored)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(seats.findByToken(token.id())).isEmpty();
        assertThat(seats.assigned()).isEmpty();
    }

    @Test
    void a_second_new_seat_for_the_same_token_is_refused_and_changes_nothing() {
        // Given a token whose seat is stored, assigned
        var token = givenToken(stores, owner.id(), 1);
        var first = new AssignedSeat(token.id(), owner.id(), new MachineId("machine-A"), at(1), at(2), 0);
        seats.save(first);

        // When a second new seat, free, is saved for the same token, then it is refused (R11)
        assertThatThrownBy(() -> seats.save(Seat.of(token.id(), token.account())))
                .isInstanceOf(ConcurrentUpdateException.class);

        // And a second new assigned one too
        var second = new AssignedSeat(token.id(), owner.id(), new MachineId("machine-B"), at(3), at(3), 0);
        assertThatThrownBy(() -> seats.save(second)).isInstanceOf(ConcurrentUpdateException.class);

        // And the first seat stands
        assertThat(seats.findByToken(token.id())).containsExactly(first.withVersion(1));
        assertThat(seats.assigned()).containsExactly(first.withVersion(1));
    }

    @Test
    void an_unknown_token_has_no_seat_none_never_null_and_an_empty_store_lists_none() {
        assertThat(seats.findByToken(new TokenId("tok_nobody"))).isNotNull().isEqualTo(Option.none());
        assertThat(seats.assigned()).isNotNull().isEmpty();
    }

    @Test
    void assigned_lists_exactly_the_seats_stored_as_assigned_each_as_it_is_now() {
        // Given four tokens: one seat assigned, one free, one assigned then released, one assigned
        // then active again
        var assigned = storeSeat(givenToken(stores, owner.id(), 1), "machine-A");
        var free = Seat.of(givenToken(stores, owner.id(), 2).id(), owner.id());
        seats.save(free);
        var released = storeSeat(givenToken(stores, owner.id(), 3), "machine-C");
        seats.save(released.freeAs(ReleaseKind.AUTO, Option.none(), at(50)).value());
        var busy = storeSeat(givenToken(stores, owner.id(), 4), "machine-D");
        var busyLater = new AssignedSeat(busy.token(), owner.id(), busy.machine(), busy.assignedAt(), at(60), 1);
        seats.save(busyLater);

        // When the assigned seats are listed
        var listed = seats.assigned();

        // Then exactly the two assigned ones are, each in its latest state
        assertThat(listed).containsExactlyInAnyOrder(assigned, busyLater.withVersion(2));
        assertThat(listed).allMatch(seat -> seat instanceof AssignedSeat);
    }

    // ---- fixtures -----------------------------------------------------------------------------

    private static AssignedSeat assign(Seat read, String machine) {
        return new AssignedSeat(read.token(), read.account(), new MachineId(machine), at(10), at(10), read.version());
    }

    /** Stores a seat of {@code token} assigned to {@code machine}, and answers it as stored. */
    private AssignedSeat storeSeat(Token token, String machine) {
        var seat = new AssignedSeat(token.id(), token.account(), new MachineId(machine), at(5), at(6), 0);
        seats.save(seat);
        return seat.withVersion(1);
    }
}
