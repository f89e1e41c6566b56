package dev.seatwarden.application.testing;

import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code delegate}, counting its saves and its lookups by a secret's hash (the verification's read). */
public record CountingTokens(Tokens delegate, AtomicInteger saves, AtomicInteger lookups) implements Tokens {
    @Override
    public Option<Token> findById(TokenId id) {
        return delegate.findById(id);
    }

    @Override
    public Option<Token> findBySecretHash(SecretHash hash) {
        lookups.incrementAndGet();
        return delegate.findBySecretHash(hash);
    }

    @Override
    public Seq<Token> ofAccount(AccountId account) {
        return delegate.ofAccount(account);
    }

    @Override
    public void save(Token token) {
        saves.incrementAndGet();
        delegate.save(token);
    }
}
