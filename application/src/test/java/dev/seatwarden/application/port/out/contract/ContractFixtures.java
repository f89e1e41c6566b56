package dev.seatwarden.application.port.out.contract;

import static dev.seatwarden.domain.fixtures.DomainGenerators.BASE;
import static dev.seatwarden.domain.fixtures.DomainGenerators.hashOf;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;

import dev.seatwarden.domain.account.Account;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Email;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.FreeSeat;
import dev.seatwarden.domain.seat.Seat;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Aggregates for the storage contracts, built as the domain builds them, at version 0 (never
 * stored) unless said otherwise.
 *
 * <p>Every instant has microsecond precision, with a fraction that is not a whole millisecond: a
 * store must keep what a system clock gives and PostgreSQL keeps, to the microsecond.
 */
public final class ContractFixtures {

    /** Letters, an accent, CJK and characters outside the BMP, none of them white space. */
    public static final String UNICODE = "Zürich-渲染-🔑-𝐀";

    private ContractFixtures() {}

    /** {@link dev.seatwarden.domain.fixtures.DomainGenerators#BASE} plus {@code micros} microseconds. */
    public static Instant at(long micros) {
        return BASE.plus(micros, ChronoUnit.MICROS);
    }

    /** An instant well before any clock a store might consult: a store never filters by time. */
    public static Instant longAgo() {
        return Instant.parse("2001-02-03T04:05:06.123456Z");
    }

    /** Text of exactly {@code codePoints} code points, cycling through {@code pattern}'s. */
    public static String text(String pattern, int codePoints) {
        var cycle = pattern.codePoints().toArray();
        var text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            text.appendCodePoint(cycle[i % cycle.length]);
        }
        return text.toString();
    }

    // ---- accounts -----------------------------------------------------------------------------

    /** A new PRO account {@code acc_<name>}, {@code <name>@example.test}, created at {@code createdAt}. */
    public static Account newAccount(String name, Instant createdAt) {
        return new Account(
                new AccountId("acc_" + name),
                new Email(name + "@example.test"),
                Plan.PRO,
                Subscription.ACTIVE,
                Option.none(),
                List.empty(),
                createdAt,
                0);
    }

    public static Account newAccount(String name) {
        return newAccount(name, at(1_000_001));
    }

    /** The account as a store answers it after one more save. */
    public static Account savedOnce(Account account) {
        return account.withVersion(account.version() + 1);
    }

    /** The same account with other plan, subscription, override and quota uses. */
    public static Account with(
            Account account, Plan plan, Subscription subscription, Option<Integer> limit, List<Instant> quotaUses) {
        return new Account(
                account.id(),
                account.email(),
                plan,
                subscription,
                limit,
                quotaUses,
                account.createdAt(),
                account.version());
    }

    /** Stores a new account and answers it as stored. */
    public static Account givenAccount(Stores stores, String name) {
        var account = newAccount(name);
        stores.accounts().save(account);
        return savedOnce(account);
    }

    // ---- tokens and seats ---------------------------------------------------------------------

    /** The hash of the API secret generated from {@code seed}. */
    public static SecretHash hash(long seed) {
        return hashOf(secret(TokenKind.API, seed));
    }

    /** A new, never used API token {@code id} of {@code account}, whose secret comes from {@code seed}. */
    public static Token newToken(AccountId account, TokenId id, long seed, Instant createdAt) {
        var secret = secret(TokenKind.API, seed);
        return Token.create(
                        id,
                        account,
                        TokenKind.API,
                        new TokenName("token " + id.value()),
                        Option.none(),
                        hashOf(secret),
                        secret.hint(),
                        Option.none(),
                        createdAt)
                .value();
    }

    public static Token newToken(AccountId account, long seed) {
        return newToken(account, new TokenId("tok_" + seed), seed, at(2_000_002 + seed));
    }

    /** The token as a store answers it after one more save. */
    public static Token savedOnce(Token token) {
        return token.withVersion(token.version() + 1);
    }

    /** The token rotated to the secret of {@code seed}, the old one accepted for {@code grace}. */
    public static Token rotated(Token token, long seed, Duration grace, Instant now) {
        var secret = secret(TokenKind.API, seed);
        return token.rotate(hashOf(secret), secret.hint(), grace, now).get().value();
    }

    /** Stores a new token of {@code account} and answers it as stored. */
    public static Token givenToken(Stores stores, AccountId account, long seed) {
        var token = newToken(account, seed);
        stores.tokens().save(token);
        return savedOnce(token);
    }

    /** Stores a new token and its new free seat, and answers the seat as stored. */
    public static FreeSeat givenSeat(Stores stores, AccountId account, long seed) {
        var token = givenToken(stores, account, seed);
        var seat = Seat.of(token.id(), token.account());
        stores.seats().save(seat);
        return seat.withVersion(1);
    }
}
