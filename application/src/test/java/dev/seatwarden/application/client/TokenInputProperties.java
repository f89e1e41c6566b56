package dev.seatwarden.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** A token as people paste and pipe it: white space around it dropped, inside it refused, R6 checked. */
class TokenInputProperties {

    private static final Gen<String> WHITE_SPACE = strings()
            .betweenCodePoints(0, 4)
            .ofLengthBetween(0, 4)
            .map(s -> s.chars()
                    .mapToObj(i -> String.valueOf(" \t\n\r\u00a0".charAt(i)))
                    .reduce("", String::concat));

    private static final Gen<String> SECRETS = arbitrary()
            .enumValues(TokenKind.class)
            .zip(
                    longs().all(),
                    (kind, seed) -> SecretFormat.generate(kind, new Random(seed)::nextInt)
                            .reveal());

    @Test
    void white_space_around_a_token_is_dropped() {
        qt().forAll(WHITE_SPACE, SECRETS, WHITE_SPACE)
                .checkAssert((before, secret, after) -> assertThat(
                                TokenInput.parse(before + secret + after).get().reveal())
                        .isEqualTo(secret));
    }

    @Test
    void white_space_inside_a_token_is_refused_without_repeating_it() {
        qt().forAll(SECRETS, integers().between(1, 41), arbitrary().pick(" ", "\t", "\n", "\r\n", "\u00a0"))
                .checkAssert((secret, at, space) -> {
                    var refused = TokenInput.parse(secret.substring(0, at) + space + secret.substring(at));
                    assertThat(refused.getLeft()).contains("white space inside").doesNotContain(secret);
                });
    }

    @Test
    void anything_else_is_accepted_exactly_when_the_offline_check_accepts_it() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 50))
                .checkAssert(raw -> assertThat(TokenInput.parse(raw).isRight())
                        .isEqualTo(SecretFormat.parse(raw.strip()).isRight()));
        assertThat(TokenInput.parse(null).getLeft()).isEqualTo("no token was given");
        var secret =
                SecretFormat.generate(TokenKind.API, new Random(3)::nextInt).reveal();
        assertThat(TokenInput.parse("\uFEFF" + secret + "\r\n").map(parsed -> parsed.reveal()))
                .as("a byte order mark before the token (a file saved by Notepad)")
                .containsExactly(secret);
        assertThat(TokenInput.parse(" \n").getLeft()).isEqualTo("no token was given");
    }
}
