package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.application.port.out.contract.ContractFixtures.UNICODE;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.at;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.givenAccount;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.hash;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.longAgo;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.newToken;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.rotated;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.savedOnce;
import static dev.seatwarden.application.port.out.contract.ContractFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.seat.MachineId;
import dev.seatwarden.domain.token.Assignee;
import dev.seatwarden.domain.token.LastUse;
import dev.seatwarden.domain.token.PreviousSecret;
import dev.seatwarden.domain.token.Revocation;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Tokens} must do: versions checked on save, nothing written by a refused save,
 * secret hashes unique and found whether current or replaced by the last rotation (R19), every
 * field kept exactly, an account's tokens listed newest first.
 *
 * <p>The store is called directly, outside any unit of work; each call then stands on its own. The
 * tokens' accounts are stored first, so that a store may refer to them.
 */
public abstract class TokensContract {

    private Tokens tokens;
    private Account owner;
    private Account other;

    /** Fresh, empty stores of the adapter family under test; called once before each test. */
    protected abstract Stores stores();

    @BeforeEach
    void freshStores() {
        var stores = stores();
        tokens = stores.tokens();
        owner = givenAccount(stores, "owner");
        other = givenAccount(stores, "other");
    }

    @Test
    void a_new_token_saved_at_version_0_is_found_at_version_1() {
        // Given a new token
        var token = newToken(owner.id(), 1);

        // When it is saved
        tokens.save(token);

        // Then it is found by id, by its secret's hash and among its account's, at version 1
        assertThat(tokens.findById(token.id())).containsExactly(token.withVersion(1));
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(token.withVersion(1));
        assertThat(tokens.ofAccount(owner.id())).containsExactly(token.withVersion(1));
    }

    @Test
    void a_change_saved_at_the_version_it_was_read_at_bumps_the_version() {
        // Given a stored token
        tokens.save(newToken(owner.id(), 1));
        var read = tokens.findById(new TokenId("tok_1")).get();

        // When it is used, then revoked, each saved at the version it was read at
        var used = read.withUse(use("workstation-A"), at(5_000_000));
        tokens.save(used);
        var reread = tokens.findBySecretHash(hash(1)).get();
        var revoked = reread.revoke(RevocationReason.OWNER, at(6_000_000)).get().value();
        tokens.save(revoked);

        // Then each save bumps the version and the store answers the latest state
        assertThat(reread).isEqualTo(used.withVersion(2));
        assertThat(tokens.findById(read.id())).containsExactly(revoked.withVersion(3));
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(revoked.withVersion(3));
        assertThat(tokens.ofAccount(owner.id())).containsExactly(revoked.withVersion(3));
    }

    @Test
    void a_change_read_at_a_stale_version_is_refused_and_changes_nothing() {
        // Given two writers that read the same token at version 1
        tokens.save(newToken(owner.id(), 1));
        var first = tokens.findById(new TokenId("tok_1")).get();
        var second = tokens.findById(new TokenId("tok_1")).get();

        // When the first revokes it
        var revoked = first.revoke(RevocationReason.OWNER, at(5)).get().value();
        tokens.save(revoked);

        // Then the second's rotation, read at the stale version, is refused
        var rotation = rotated(second, 2, Duration.ofMinutes(10), at(6));
        assertThatThrownBy(() -> tokens.save(rotation)).isInstanceOf(ConcurrentUpdateException.class);

        // And the revocation stands: the refused rotation's new secret finds nothing
        assertThat(tokens.findById(first.id())).containsExactly(revoked.withVersion(2));
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(revoked.withVersion(2));
        assertThat(tokens.findBySecretHash(hash(2))).isEmpty();
        assertThat(tokens.ofAccount(owner.id())).containsExactly(revoked.withVersion(2));
    }

    @Test
    void a_stale_rotation_after_a_rotation_is_refused_and_leaves_the_secret_hashes_as_they_were() {
        // Given two writers that read the same token at version 1, and the first rotates it
        tokens.save(newToken(owner.id(), 1));
        var first = tokens.findById(new TokenId("tok_1")).get();
        var second = tokens.findById(new TokenId("tok_1")).get();
        var firstRotation = rotated(first, 2, Duration.ofMinutes(10), at(5));
        tokens.save(firstRotation);

        // When the second rotates it too, at the stale version, then it is refused
        var secondRotation = rotated(second, 3, Duration.ZERO, at(6));
        assertThatThrownBy(() -> tokens.save(secondRotation)).isInstanceOf(ConcurrentUpdateException.class);

        // And the hashes find what the first rotation left: new and previous secret, not the third
        assertThat(tokens.findBySecretHash(hash(2))).containsExactly(firstRotation.withVersion(2));
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(firstRotation.withVersion(2));
        assertThat(tokens.findBySecretHash(hash(3))).isEmpty();
    }

    @Test
    void a_change_at_a_version_the_store_never_had_is_refused_and_changes_nothing() {
        // Given a token stored at version 1
        var stored = savedOnce(newToken(owner.id(), 1));
        tokens.save(newToken(owner.id(), 1));

        // When a revocation claims to have been read at a later version, then it is refused
        var revoked = stored.revoke(RevocationReason.LEAKED, at(5)).get().value();
        assertThatThrownBy(() -> tokens.save(revoked.withVersion(2))).isInstanceOf(ConcurrentUpdateException.class);

        // And the token is as stored
        assertThat(tokens.findById(stored.id())).containsExactly(stored);
    }

    @Test
    void a_change_to_a_token_never_stored_is_refused_and_stores_nothing() {
        // Given a token that claims to have been read at version 1, never stored
        var neverStored = newToken(owner.id(), 1).withVersion(1);

        // When it is saved, then it is refused
        assertThatThrownBy(() -> tokens.save(neverStored)).isInstanceOf(ConcurrentUpdateException.class);

        // And nothing was stored, its hash included
        assertThat(tokens.findById(neverStored.id())).isEmpty();
        assertThat(tokens.findBySecretHash(hash(1))).isEmpty();
        assertThat(tokens.ofAccount(owner.id())).isEmpty();
    }

    @Test
    void a_new_token_whose_id_is_taken_is_refused_and_changes_nothing() {
        // Given a stored token
        var stored = newToken(owner.id(), 1);
        tokens.save(stored);

        // When a new token with the same id and another secret is saved
        var intruder = newToken(other.id(), stored.id(), 2, at(9));

        // Then it is refused; its secret finds nothing and the first token is unchanged
        assertThatThrownBy(() -> tokens.save(intruder)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(tokens.findById(stored.id())).containsExactly(stored.withVersion(1));
        assertThat(tokens.findBySecretHash(hash(2))).isEmpty();
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(stored.withVersion(1));
        assertThat(tokens.ofAccount(other.id())).isEmpty();
    }

    @Test
    void a_second_token_with_the_same_secret_hash_is_refused_and_changes_nothing() {
        // Given a stored token
        var stored = newToken(owner.id(), 1);
        tokens.save(stored);

        // When another token, of another account, with the same secret hash is saved
        var twin = newToken(other.id(), new TokenId("tok_twin"), 1, at(9));

        // Then it is refused; the hash still finds the first token, and the twin is nowhere
        assertThatThrownBy(() -> tokens.save(twin)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(stored.withVersion(1));
        assertThat(tokens.findById(twin.id())).isEmpty();
        assertThat(tokens.ofAccount(other.id())).isEmpty();
    }

    @Test
    void an_unknown_token_is_none_never_null_and_an_account_without_tokens_lists_none() {
        // Given one stored token
        tokens.save(newToken(owner.id(), 1));

        // When unknown ids, hashes and accounts are looked up, then the answers are empty
        assertThat(tokens.findById(new TokenId("tok_nobody"))).isNotNull().isEqualTo(Option.none());
        assertThat(tokens.findBySecretHash(hash(99))).isNotNull().isEqualTo(Option.none());
        assertThat(tokens.ofAccount(other.id())).isNotNull().isEmpty();
        assertThat(tokens.ofAccount(new AccountId("acc_nobody"))).isNotNull().isEmpty();
    }

    @Test
    void every_field_round_trips_with_and_without_its_optional_parts() {
        // Given tokens with every optional part present, absent, and mixed
        var variants = List.of(
                // never used, no assignee, no expiry, not revoked, never rotated
                newToken(owner.id(), new TokenId("tok_plain"), 1, at(1)),
                // everything there, at the largest sizes R4, R11 and R23 allow
                token("tok_full", 2, TokenKind.INTEGRATION, text(UNICODE, TokenName.MAX_CODE_POINTS))
                        .assignee(Option.some(new Assignee(text(UNICODE, Assignee.MAX_CODE_POINTS))))
                        .previous(Option.some(new PreviousSecret(hash(102), at(86_400_000_123L))))
                        .expires(Option.some(at(400L * 86_400_000_000L + 1)))
                        .revocation(Option.some(new Revocation(at(77_777_777), RevocationReason.LEAKED)))
                        .used(
                                Option.some(at(55_555_555)),
                                Option.some(new LastUse(
                                        new MachineId(text("Mx!~09", MachineId.MAX_LENGTH)),
                                        Option.some("2001:db8:85a3::8a2e:370:7334"),
                                        Option.some(text(UNICODE, LastUse.MAX_LENGTH)))))
                        .build(),
                // used from a machine that sent neither address nor agent; revoked by its owner;
                // its previous secret's grace long over
                token("tok_used", 3, TokenKind.API, "CI")
                        .previous(Option.some(new PreviousSecret(hash(103), longAgo())))
                        .revocation(Option.some(new Revocation(at(3), RevocationReason.OWNER)))
                        .used(
                                Option.some(at(2)),
                                Option.some(new LastUse(new MachineId("m"), Option.none(), Option.none())))
                        .build(),
                // an address without an agent, an expiry, a short assignee
                token("tok_addr", 4, TokenKind.INTEGRATION, "Jenkins")
                        .assignee(Option.some(new Assignee("QA")))
                        .expires(Option.some(at(4)))
                        .used(
                                Option.some(at(3)),
                                Option.some(new LastUse(
                                        new MachineId("build-7"), Option.some("203.0.113.7"), Option.none())))
                        .build(),
                // an agent without an address; a use time with no recorded origin
                token("tok_agent", 5, TokenKind.API, "Agent only")
                        .used(
                                Option.some(at(6)),
                                Option.some(
                                        new LastUse(new MachineId("laptop"), Option.none(), Option.some("curl/8.5.0"))))
                        .build(),
                token("tok_when", 6, TokenKind.API, "When only")
                        .used(Option.some(at(7)), Option.none())
                        .build());

        // When they are saved
        variants.forEach(tokens::save);

        // Then each is found exactly as saved, by id and by hash, and all are listed
        for (var token : variants) {
            assertThat(tokens.findById(token.id())).containsExactly(token.withVersion(1));
            assertThat(tokens.findBySecretHash(token.secretHash())).containsExactly(token.withVersion(1));
        }
        assertThat(tokens.ofAccount(owner.id()))
                .containsExactlyInAnyOrderElementsOf(variants.map(t -> t.withVersion(1)));
    }

    @Test
    void a_change_writes_every_field_and_a_later_change_can_empty_them_again() {
        // Given a stored token with no optional part
        var stored = savedOnce(newToken(owner.id(), 1));
        tokens.save(newToken(owner.id(), 1));

        // When a change sets every optional part
        var full = builder(stored)
                .assignee(Option.some(new Assignee("Render farm")))
                .previous(Option.some(new PreviousSecret(hash(1), at(900))))
                .secret(hash(2), "WXYZ")
                .expires(Option.some(at(1_000)))
                .revocation(Option.some(new Revocation(at(800), RevocationReason.LEAKED)))
                .used(Option.some(at(700)), Option.some(use("workstation-A")))
                .build();
        tokens.save(full);

        // Then it is found with every part set
        assertThat(tokens.findById(stored.id())).containsExactly(full.withVersion(2));

        // And when a later change drops them again, the old values are gone
        var emptied = builder(full.withVersion(2))
                .assignee(Option.none())
                .previous(Option.none())
                .expires(Option.none())
                .revocation(Option.none())
                .used(Option.none(), Option.none())
                .build();
        tokens.save(emptied);
        assertThat(tokens.findById(stored.id())).containsExactly(emptied.withVersion(3));
        assertThat(tokens.findBySecretHash(hash(2))).containsExactly(emptied.withVersion(3));
        assertThat(tokens.findBySecretHash(hash(1))).isEmpty();
    }

    @Test
    void a_rotated_token_is_found_by_its_current_and_by_its_previous_secret_hash() {
        // Given a stored token
        var stored = savedOnce(newToken(owner.id(), 1));
        tokens.save(newToken(owner.id(), 1));

        // When it is rotated with a grace period
        var rotation = rotated(stored, 2, Duration.ofMinutes(30), at(10));
        tokens.save(rotation);

        // Then the new secret and the replaced one both find it
        assertThat(tokens.findBySecretHash(hash(2))).containsExactly(rotation.withVersion(2));
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(rotation.withVersion(2));
    }

    @Test
    void a_previous_secret_finds_its_token_even_when_its_grace_period_is_long_over() {
        // Given a token whose previous secret stopped being accepted long ago
        var token = token("tok_old", 2, TokenKind.API, "Old")
                .previous(Option.some(new PreviousSecret(hash(1), longAgo())))
                .build();

        // When it is saved, then the old secret still finds it: the grace period is the domain's business
        tokens.save(token);
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(token.withVersion(1));
    }

    @Test
    void after_later_rotations_an_older_secret_finds_the_token_only_while_it_is_the_previous_one() {
        // Given a stored token with secret 1
        tokens.save(newToken(owner.id(), 1));

        // When it is rotated to 2 with a grace period
        var second = rotated(tokens.findById(new TokenId("tok_1")).get(), 2, Duration.ofMinutes(5), at(10));
        tokens.save(second);

        // And to 3 with a grace period: secret 1 is dropped, 2 is the previous one
        var third = rotated(tokens.findById(second.id()).get(), 3, Duration.ofMinutes(5), at(20));
        tokens.save(third);

        // Then 1 finds nothing, while 2 and 3 find the token
        assertThat(tokens.findBySecretHash(hash(1))).isEmpty();
        assertThat(tokens.findBySecretHash(hash(2))).containsExactly(third.withVersion(3));
        assertThat(tokens.findBySecretHash(hash(3))).containsExactly(third.withVersion(3));

        // When it is rotated to 4 without a grace period, then only 4 finds it
        var fourth = rotated(tokens.findById(third.id()).get(), 4, Duration.ZERO, at(30));
        tokens.save(fourth);
        assertThat(tokens.findBySecretHash(hash(1))).isEmpty();
        assertThat(tokens.findBySecretHash(hash(2))).isEmpty();
        assertThat(tokens.findBySecretHash(hash(3))).isEmpty();
        assertThat(tokens.findBySecretHash(hash(4))).containsExactly(fourth.withVersion(4));
    }

    @Test
    void a_secret_hash_dropped_by_a_rotation_may_be_taken_by_a_new_token() {
        // Given a token rotated without a grace period, so that its first secret is no longer known
        tokens.save(newToken(owner.id(), 1));
        tokens.save(rotated(tokens.findById(new TokenId("tok_1")).get(), 2, Duration.ZERO, at(10)));

        // When a new token with that first secret's hash is saved
        var newcomer = newToken(other.id(), new TokenId("tok_newcomer"), 1, at(20));
        tokens.save(newcomer);

        // Then the hash finds the newcomer
        assertThat(tokens.findBySecretHash(hash(1))).containsExactly(newcomer.withVersion(1));
    }

    @Test
    void an_account_lists_only_its_own_tokens_newest_first_ties_by_id_descending() {
        // Given tokens of two accounts, four of them created at the same moment, saved out of order;
        // the ids of those four differ in case, which TokenId orders by UTF-16 code unit
        var oldest = newToken(owner.id(), new TokenId("tok_z"), 1, at(10));
        var older = newToken(owner.id(), new TokenId("tok_y"), 2, at(20));
        var tieB2 = newToken(owner.id(), new TokenId("tok_B2"), 3, at(30));
        var tieZz = newToken(owner.id(), new TokenId("tok_Zz"), 4, at(30));
        var tieA1 = newToken(owner.id(), new TokenId("tok_a1"), 5, at(30));
        var tieB = newToken(owner.id(), new TokenId("tok_b"), 6, at(30));
        var newest = newToken(owner.id(), new TokenId("tok_0"), 7, at(40));
        var others = newToken(other.id(), new TokenId("tok_other"), 8, at(35));
        List.of(tieZz, older, others, newest, tieB2, oldest, tieB, tieA1).forEach(tokens::save);

        // When the oldest is revoked afterwards
        var revoked =
                savedOnce(oldest).revoke(RevocationReason.OWNER, at(50)).get().value();
        tokens.save(revoked);

        // Then the owner's tokens are listed newest first, ties by id descending, each as it is now
        assertThat(tokens.ofAccount(owner.id()))
                .containsExactly(
                        savedOnce(newest),
                        savedOnce(tieB),
                        savedOnce(tieA1),
                        savedOnce(tieZz),
                        savedOnce(tieB2),
                        savedOnce(older),
                        revoked.withVersion(2));
        assertThat(tokens.ofAccount(other.id())).containsExactly(savedOnce(others));
    }

    // ---- fixtures -----------------------------------------------------------------------------

    private static LastUse use(String machine) {
        return new LastUse(new MachineId(machine), Option.some("198.51.100.20"), Option.some("seatwarden-cli/2.1"));
    }

    private Builder token(String id, long seed, TokenKind kind, String name) {
        var plain = newToken(owner.id(), new TokenId(id), seed, at(seed * 1_000_003));
        return builder(plain).kind(kind).name(new TokenName(name));
    }

    private static Builder builder(Token token) {
        return new Builder(token);
    }

    /** Sets any field of a token, whatever the domain's commands would allow. */
    private static final class Builder {
        private Token t;

        Builder(Token token) {
            this.t = token;
        }

        Builder kind(TokenKind kind) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    kind,
                    t.name(),
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder name(TokenName name) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    name,
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder assignee(Option<Assignee> assignee) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    assignee,
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder secret(SecretHash hash, String hint) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    t.assignee(),
                    hash,
                    hint,
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder previous(Option<PreviousSecret> previous) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    previous,
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder expires(Option<Instant> expiresAt) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    expiresAt,
                    t.revocation(),
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder revocation(Option<Revocation> revocation) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    revocation,
                    t.lastUsedAt(),
                    t.lastUse(),
                    t.version()));
        }

        Builder used(Option<Instant> at, Option<LastUse> use) {
            return with(new Token(
                    t.id(),
                    t.account(),
                    t.kind(),
                    t.name(),
                    t.assignee(),
                    t.secretHash(),
                    t.hint(),
                    t.previousSecret(),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revocation(),
                    at,
                    use,
                    t.version()));
        }

        Token build() {
            return t;
        }

        private Builder with(Token next) {
            t = next;
            return this;
        }
    }
}
