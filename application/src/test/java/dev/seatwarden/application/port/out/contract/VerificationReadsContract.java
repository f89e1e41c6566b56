package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenSeat;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenToken;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.hash;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.rotated;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.savedOnce;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.port.out.VerificationReads;
import dev.seatwarden.application.port.out.VerificationReads.Found;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.AssignedSeat;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VerificationReads} must do: find, for a secret's hash, exactly what {@code
 * Tokens.findBySecretHash}, {@code Accounts.findById} and {@code Seats.findByToken} find, field
 * for field: the account's quota uses all there, in order; a free or an assigned seat; a hash
 * replaced by a rotation still found (R19); nothing for an unknown hash.
 */
public abstract class VerificationReadsContract {

    private Stores stores;
    private VerificationReads reads;
    private Account owner;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    @BeforeEach
    void freshStores() {
        stores = stores();
        reads = stores.verificationReads();
        owner = givenAccount(stores, "owner");
        givenAccount(stores, "other");
    }

    @Test
    void a_token_is_found_with_its_account_and_its_free_seat_as_the_stores_find_them_one_by_one() {
        givenSeat(stores, owner.id(), 1);
        givenSeat(stores, owner.id(), 2);

        var found = reads.findBySecretHash(hash(1));

        assertThat(found).containsExactly(oneByOne(new TokenId("tok_1")));
        assertThat(found.get().account()).containsExactly(owner);
        assertThat(found.get().seat().get().token()).isEqualTo(new TokenId("tok_1"));
    }

    @Test
    void an_assigned_seat_and_every_quota_use_of_the_account_come_with_it_in_order() {
        givenSeat(stores, owner.id(), 1);
        var seat = stores.seats().findByToken(new TokenId("tok_1")).get();
        stores.seats()
                .save(new AssignedSeat(
                        seat.token(), seat.account(), new MachineId("build-7"), at(1_000), at(2_000), seat.version()));
        // two releases may share a moment (AccountsContract)
        var uses = List.<Instant>of(at(10), at(999_999), at(999_999), at(86_400_000_001L));
        stores.accounts().save(with(owner, Plan.ENTERPRISE, Subscription.ACTIVE, Option.some(7), uses));

        var found = reads.findBySecretHash(hash(1)).get();

        assertThat(found).isEqualTo(oneByOne(new TokenId("tok_1")));
        assertThat(found.account().get().quotaUses()).containsExactlyElementsOf(uses);
        assertThat(found.account().get())
                .isEqualTo(savedOnce(with(owner, Plan.ENTERPRISE, Subscription.ACTIVE, Option.some(7), uses)));
        assertThat(found.seat().get()).isInstanceOf(AssignedSeat.class);
        assertThat(((AssignedSeat) found.seat().get()).machine()).isEqualTo(new MachineId("build-7"));
    }

    @Test
    void a_rotated_token_is_found_by_its_new_hash_and_by_the_one_it_replaced() {
        givenSeat(stores, owner.id(), 1);
        var token = stores.tokens().findById(new TokenId("tok_1")).get();
        stores.tokens().save(rotated(token, 51, Duration.ofMinutes(10), at(5_000_000)));

        assertThat(reads.findBySecretHash(hash(51))).containsExactly(oneByOne(new TokenId("tok_1")));
        assertThat(reads.findBySecretHash(hash(1))).containsExactly(oneByOne(new TokenId("tok_1")));
    }

    @Test
    void each_of_several_tokens_of_an_account_with_quota_uses_gets_every_use_once() {
        givenSeat(stores, owner.id(), 1);
        givenSeat(stores, owner.id(), 2);
        givenSeat(stores, owner.id(), 3);
        var uses = List.<Instant>of(at(10), at(20), at(30));
        stores.accounts().save(with(owner, Plan.PRO, Subscription.ACTIVE, Option.none(), uses));

        for (long seed = 1; seed <= 3; seed++) {
            var found = reads.findBySecretHash(hash(seed)).get();
            assertThat(found).isEqualTo(oneByOne(new TokenId("tok_" + seed)));
            assertThat(found.account().get().quotaUses()).containsExactlyElementsOf(uses);
        }
    }

    @Test
    void a_token_without_a_seat_row_is_found_without_a_seat() {
        // broken storage (every token has its seat, R11), which the use case reports; the read
        // must not lose the token over it
        givenToken(stores, owner.id(), 4);

        var found = reads.findBySecretHash(hash(4)).get();

        assertThat(found.token().id()).isEqualTo(new TokenId("tok_4"));
        assertThat(found.account()).containsExactly(owner);
        assertThat(found.seat()).isEmpty();
    }

    @Test
    void an_unknown_hash_finds_nothing() {
        givenSeat(stores, owner.id(), 1);

        assertThat(reads.findBySecretHash(hash(99))).isEmpty();
    }

    /** What the three stores find for this token, read one after the other. */
    private Found oneByOne(TokenId id) {
        var token = stores.tokens().findById(id).get();
        return new Found(
                token,
                stores.accounts().findById(token.account()),
                stores.seats().findByToken(id));
    }
}
