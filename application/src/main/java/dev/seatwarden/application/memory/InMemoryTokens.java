package dev.seatwarden.application.memory;

import dev.seatwarden.application.port.out.ConcurrentUpdateException;
import dev.seatwarden.application.port.out.Tokens;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.token.PreviousSecret;
import dev.seatwarden.domain.token.SecretHash;
import dev.seatwarden.domain.token.Token;
import dev.seatwarden.domain.token.TokenId;
import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Comparator;

/** {@link Tokens} in memory, with an index by secret hash; thread-safe. */
public final class InMemoryTokens implements Tokens, Snapshotting {

    private static final Comparator<Token> NEWEST_FIRST =
            Comparator.comparing(Token::createdAt).thenComparing(Token::id).reversed();

    private final Table<TokenId, Token> table = new Table<>("token", Token::id, Token::version, Token::withVersion);
    private volatile Map<SecretHash, TokenId> byHash = HashMap.empty();

    @Override
    public Option<Token> findById(TokenId id) {
        return table.get(id);
    }

    @Override
    public Option<Token> findBySecretHash(SecretHash hash) {
        return byHash.get(hash).flatMap(table::get);
    }

    @Override
    public Seq<Token> ofAccount(AccountId account) {
        return table.rows()
                .values()
                .filter(token -> token.account().equals(account))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized void save(Token token) {
        var owner = byHash.get(token.secretHash());
        if (owner.exists(id -> !id.equals(token.id()))) {
            throw new ConcurrentUpdateException("token secret hash");
        }
        var before = table.get(token.id());
        table.save(token);
        var index = byHash;
        for (var old : before) {
            index = index.remove(old.secretHash());
            for (var previous : old.previousSecret()) {
                index = index.remove(previous.hash());
            }
        }
        index = index.put(token.secretHash(), token.id());
        for (PreviousSecret previous : token.previousSecret()) {
            index = index.put(previous.hash(), token.id());
        }
        byHash = index;
    }

    @Override
    public Object snapshot() {
        return Tuple.of(table.snapshot(), byHash);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        var both = (io.vavr.Tuple2<Object, Map<SecretHash, TokenId>>) snapshot;
        table.restore(both._1);
        byHash = both._2;
    }
}
