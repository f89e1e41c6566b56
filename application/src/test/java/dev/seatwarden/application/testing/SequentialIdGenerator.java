package dev.seatwarden.application.testing;

import dev.seatwarden.application.port.out.IdGenerator;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.TokenId;
import java.util.concurrent.atomic.AtomicLong;

/** Ids from a counter ({@code acc_000001}, {@code tok_000002}, …): predictable, for replayable tests. */
public final class SequentialIdGenerator implements IdGenerator {

    private final AtomicLong next = new AtomicLong();

    @Override
    public AccountId newAccountId() {
        return new AccountId(String.format("acc_%06d", next.incrementAndGet()));
    }

    @Override
    public TokenId newTokenId() {
        return new TokenId(String.format("tok_%06d", next.incrementAndGet()));
    }
}
