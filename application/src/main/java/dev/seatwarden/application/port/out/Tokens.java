package dev.seatwarden.application.port.out;

import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** Where tokens are kept; only ever the hash of a secret (R5). */
public interface Tokens {

    Option<Token> findById(TokenId id);

    /**
     * The token whose current secret, or whose previous secret (R19, whether or not its grace
     * period is over), has this hash.
     */
    Option<Token> findBySecretHash(SecretHash hash);

    /** The tokens of one account, newest first (ties: id descending). */
    Seq<Token> ofAccount(AccountId account);

    /**
     * Stores a new token (version 0) or a change to one read at {@code token.version()}.
     *
     * @throws ConcurrentUpdateException if it changed since, or a new one's id or hash is taken
     */
    void save(Token token);
}
