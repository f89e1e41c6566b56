package dev.seatwarden.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.shared.FieldError;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Accounts sign in by e-mail, unique without regard to case (cli-and-files.md). */
class EmailProperties {

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static Gen<String> parts(int max) {
        return integers().between(1, max).zip(integers().between(0, Integer.MAX_VALUE), (length, seed) -> {
            var random = new java.util.Random(seed);
            var part = new StringBuilder();
            for (int i = 0; i < length; i++) {
                part.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
            }
            return part.toString();
        });
    }

    private static Gen<String> addresses() {
        return parts(30).zip(parts(30), (local, domain) -> local + "@" + domain + ".example");
    }

    @Test
    void an_address_with_one_at_sign_between_two_parts_is_kept_trimmed_and_compared_without_case() {
        qt().forAll(addresses()).checkAssert(address -> {
            var email = Email.parse("  " + address + "\t").get();

            assertThat(email.value()).isEqualTo(address);
            assertThat(email.canonical()).isEqualTo(address.toLowerCase(Locale.ROOT));
            assertThat(email.sameAs(new Email(address.toUpperCase(Locale.ROOT))))
                    .isTrue();
            assertThat(email.sameAs(new Email("x" + address))).isFalse();
        });
    }

    @Test
    void a_space_a_control_or_format_character_or_a_second_at_sign_anywhere_is_refused() {
        qt().forAll(
                        addresses(),
                        integers().between(0, 1000),
                        strings().betweenCodePoints(0, 0).ofLength(0))
                .checkAssert((address, position, unused) -> {
                    int at = position % (address.length() + 1);
                    for (var bad : new String[] {" ", "\u0007", "\u200B", "\u202E", "@", "\u00A0"}) {
                        var broken = address.substring(0, at) + bad + address.substring(at);
                        if (bad.equals(" ") && (at == 0 || at == address.length())) {
                            continue; // leading or trailing white space is trimmed, not refused
                        }
                        assertThat(Email.parse(broken).getLeft())
                                .as("%s inserted at %d", bad.codePointAt(0), at)
                                .isEqualTo(new FieldError("email", "is not an e-mail address"));
                        assertThatThrownBy(() -> new Email(broken)).isInstanceOf(IllegalArgumentException.class);
                    }
                });
    }

    @Test
    void an_address_of_254_characters_is_accepted_and_one_of_255_refused() {
        var local = "a".repeat(64);
        var longest = local + "@" + "d".repeat(254 - 65);
        assertThat(longest).hasSize(254);

        assertThat(Email.parse(longest).isRight()).isTrue();
        assertThat(Email.parse(longest + "d").isLeft()).isTrue();
    }

    @Test
    void a_missing_part_or_a_missing_address_is_refused_naming_the_field() {
        for (var raw : new String[] {"ada", "@example.com", "ada@", "a@b@c"}) {
            assertThat(Email.parse(raw).getLeft())
                    .as(raw)
                    .isEqualTo(new FieldError("email", "is not an e-mail address"));
        }
        for (var raw : new String[] {null, "", "   "}) {
            assertThat(Email.parse(raw).getLeft())
                    .as(String.valueOf(raw))
                    .isEqualTo(new FieldError("email", "is required"));
        }
    }
}
