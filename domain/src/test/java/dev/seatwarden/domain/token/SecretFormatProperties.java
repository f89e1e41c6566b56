package dev.seatwarden.domain.token;

import static dev.seatwarden.domain.fixtures.DomainGenerators.BASE62;
import static dev.seatwarden.domain.fixtures.DomainGenerators.randomness;
import static dev.seatwarden.domain.fixtures.DomainGenerators.secret;
import static dev.seatwarden.domain.fixtures.DomainGenerators.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** R6 (and the prefix of R3, the hint of R5): the secret format anyone can check offline. */
class SecretFormatProperties {

    private static final int EXAMPLES = 300;

    private static final Gen<TokenKind> KINDS = arbitrary().enumValues(TokenKind.class);

    /** Any base62 string of 32 characters, the shape of a secret's random part. */
    private static final Gen<String> BODIES =
            strings().betweenCodePoints(0, BASE62.length() - 1).ofLength(32).map(SecretFormatProperties::asBase62);

    /**
     * The checksum as R6 defines it, computed here without calling the main code: CRC-32 (IEEE) of
     * the UTF-8 bytes, in base62, most significant digit first, left-padded with 0 to 6 digits.
     */
    static String independentChecksum(String payload) {
        var crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        long value = crc.getValue();
        var digits = new StringBuilder();
        do {
            digits.insert(0, BASE62.charAt((int) (value % 62)));
            value /= 62;
        } while (value > 0);
        while (digits.length() < 6) {
            digits.insert(0, '0');
        }
        return digits.toString();
    }

    private static String asBase62(String indexes) {
        var sb = new StringBuilder();
        indexes.chars().forEach(i -> sb.append(BASE62.charAt(i)));
        return sb.toString();
    }

    private static boolean isMalformed(Either<Refusal, Secret> parsed) {
        return parsed.isLeft() && parsed.getLeft() instanceof Refusal.TokenMalformed;
    }

    @Test
    void R6_a_generated_secret_has_its_kinds_prefix_length_42_and_a_base62_body() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var value = secret(kind, seed).reveal();

            assertThat(value).hasSize(42);
            assertThat(value).startsWith(kind == TokenKind.API ? "swa_" : "swi_");
            assertThat(value.substring(4).chars()).allMatch(c -> BASE62.indexOf(c) >= 0);
        });
    }

    @Test
    void R6_a_generated_secrets_checksum_is_the_crc32_of_everything_before_it_in_6_base62_digits() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var value = secret(kind, seed).reveal();

            assertThat(value.substring(36)).isEqualTo(independentChecksum(value.substring(0, 36)));
        });
    }

    @Test
    void R6_the_random_part_is_32_draws_of_base62_digits_from_the_injected_randomness() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var source = randomness(seed);
            var bounds = new ArrayList<Integer>();
            var drawn = new StringBuilder();
            Randomness recording = bound -> {
                bounds.add(bound);
                int index = source.nextInt(bound);
                drawn.append(BASE62.charAt(index));
                return index;
            };

            var value = SecretFormat.generate(kind, recording).reveal();

            // 32 independent draws of 62 values: 32 * log2(62) > 190 bits
            assertThat(bounds).hasSize(32).containsOnly(62);
            assertThat(value.substring(4, 36)).isEqualTo(drawn.toString());
        });
    }

    @Test
    void R6_a_generated_secret_passes_the_offline_check() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var generated = secret(kind, seed);

            var parsed = SecretFormat.parse(generated.reveal());

            assertThat(parsed.isRight()).isTrue();
            assertThat(parsed.get()).isEqualTo(generated);
            assertThat(parsed.get().kind()).isEqualTo(kind);
        });
    }

    @Test
    void R6_any_base62_body_with_its_checksum_is_well_formed_and_of_the_prefixs_kind() {
        qt().withExamples(EXAMPLES).forAll(KINDS, BODIES).checkAssert((kind, body) -> {
            var payload = kind.prefix() + body;

            var parsed = SecretFormat.parse(payload + independentChecksum(payload));

            assertThat(parsed.map(Secret::kind).toJavaOptional()).contains(kind);
        });
    }

    @Test
    void R6_any_single_character_change_is_malformed() {
        Gen<Character> replacements = Generate.oneOf(
                integers().between(0, BASE62.length() - 1).map(BASE62::charAt),
                integers().between(0x20, 0x7E).map(i -> (char) i.intValue()),
                integers().between(0, 0xFFFF).map(i -> (char) i.intValue()));
        qt().withExamples(EXAMPLES * 3)
                .forAll(KINDS, seeds(), integers().between(0, 41), replacements)
                .assuming((kind, seed, position, replacement) ->
                        secret(kind, seed).reveal().charAt(position) != replacement)
                .checkAssert((kind, seed, position, replacement) -> {
                    var chars = secret(kind, seed).reveal().toCharArray();
                    chars[position] = replacement;

                    assertThat(isMalformed(SecretFormat.parse(new String(chars))))
                            .as("changed at %d", position)
                            .isTrue();
                });
    }

    @Test
    void R6_a_truncated_secret_is_malformed() {
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, seeds(), integers().between(0, 41))
                .checkAssert((kind, seed, length) -> {
                    var truncated = secret(kind, seed).reveal().substring(0, length);

                    assertThat(isMalformed(SecretFormat.parse(truncated))).isTrue();
                });
    }

    @Test
    void R6_an_extended_secret_is_malformed_even_with_a_checksum_that_matches_its_payload() {
        Gen<String> extensions = strings()
                .betweenCodePoints(0, BASE62.length() - 1)
                .ofLengthBetween(1, 12)
                .map(s -> asBase62(s));
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, seeds(), extensions, arbitrary().pick(true, false))
                .checkAssert((kind, seed, extension, recomputed) -> {
                    var value = secret(kind, seed).reveal();
                    var payload = value.substring(0, 36) + extension;
                    var candidate = recomputed ? payload + independentChecksum(payload) : value + extension;

                    assertThat(isMalformed(SecretFormat.parse(candidate))).isTrue();
                });
    }

    @Test
    void R6_a_secret_with_a_wrong_prefix_is_malformed_even_with_a_matching_checksum() {
        Gen<String> prefixes = Generate.oneOf(
                        strings().betweenCodePoints(0x21, 0x7E).ofLength(4),
                        arbitrary().pick("SWA_", "swx_", "swa-", "sw_a", "swai", "swa0", "Swi_", "api_"))
                .assuming(p -> !p.equals("swa_") && !p.equals("swi_"));
        qt().withExamples(EXAMPLES).forAll(prefixes, BODIES).checkAssert((prefix, body) -> {
            var payload = prefix + body;

            assertThat(isMalformed(SecretFormat.parse(payload + independentChecksum(payload))))
                    .isTrue();
        });
    }

    @Test
    void R6_a_character_outside_base62_anywhere_after_the_prefix_is_malformed_even_with_a_matching_checksum() {
        Gen<Character> outside = Generate.oneOf(
                        arbitrary().pick('_', '-', '+', '/', '=', ' ', '.', '\u00e9', '\u0000', '\u202e'),
                        integers().between(0, 0xFFFF).map(i -> (char) i.intValue()))
                .assuming(c -> BASE62.indexOf(c) < 0);
        qt().withExamples(EXAMPLES)
                .forAll(KINDS, BODIES, integers().between(0, 31), outside)
                .checkAssert((kind, body, position, c) -> {
                    var chars = body.toCharArray();
                    chars[position] = c;
                    var payload = kind.prefix() + new String(chars);

                    assertThat(isMalformed(SecretFormat.parse(payload + independentChecksum(payload))))
                            .isTrue();
                });
    }

    @Test
    void R6_random_strings_are_almost_never_accepted() {
        // A random 6-digit base62 tail matches with probability 62^-6 (about 2e-11) per string.
        Gen<String> shaped = KINDS.zip(
                strings().betweenCodePoints(0, BASE62.length() - 1).ofLength(38),
                (kind, indexes) -> kind.prefix() + asBase62(indexes));
        Gen<String> anything = Generate.oneOf(
                strings().ascii().ofLengthBetween(0, 60),
                strings().basicMultilingualPlaneAlphabet().ofLength(42),
                strings().allPossible().ofLengthBetween(38, 46));
        qt().withExamples(EXAMPLES * 3).forAll(Generate.oneOf(shaped, anything)).checkAssert(candidate -> {
            assertThat(isMalformed(SecretFormat.parse(candidate))).isTrue();
        });
    }

    @Test
    void R6_a_missing_secret_is_malformed_for_the_format_check() {
        assertThat(isMalformed(SecretFormat.parse(null))).isTrue();
        assertThat(isMalformed(SecretFormat.parse(""))).isTrue();
    }

    @Test
    void R6_a_parsed_secret_equals_exactly_the_secret_with_the_same_characters() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds(), seeds()).checkAssert((kind, a, b) -> {
            var first = secret(kind, a);
            var second = secret(kind, b);

            var parsed = SecretFormat.parse(first.reveal()).get();

            assertThat(parsed).isEqualTo(first).hasSameHashCodeAs(first);
            assertThat(parsed.equals(second)).isEqualTo(first.reveal().equals(second.reveal()));
        });
    }

    @Test
    void R3_the_prefix_names_the_kind_swa_for_api_and_swi_for_integration() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var value = secret(kind, seed).reveal();

            assertThat(TokenKind.ofPrefix(value)).containsExactly(kind);
            assertThat(value.substring(0, 4)).isEqualTo(kind == TokenKind.API ? "swa_" : "swi_");
        });
    }

    @Test
    void R5_the_hint_is_the_last_4_characters_of_the_secret() {
        qt().withExamples(EXAMPLES).forAll(KINDS, seeds()).checkAssert((kind, seed) -> {
            var generated = secret(kind, seed);

            assertThat(generated.hint()).isEqualTo(generated.reveal().substring(38));
        });
    }

    /** Near misses of real secrets: one character changed, cut short, extended, wrapped in spaces. */
    private static Gen<String> nearMisses() {
        Gen<String> changed =
                KINDS.zip(seeds(), integers().between(0, 41), integers().between(0x20, 0x7E), (kind, seed, at, c) -> {
                    var chars = secret(kind, seed).reveal().toCharArray();
                    chars[at] = (char) c.intValue();
                    return new String(chars);
                });
        Gen<String> cut = KINDS.zip(
                seeds(),
                integers().between(0, 41),
                (kind, seed, length) -> secret(kind, seed).reveal().substring(0, length));
        Gen<String> padded =
                KINDS.zip(seeds(), (kind, seed) -> " " + secret(kind, seed).reveal() + "\n");
        Gen<String> whole =
                KINDS.zip(seeds(), (kind, seed) -> secret(kind, seed).reveal());
        return Generate.oneOf(
                changed, cut, padded, whole, strings().allPossible().ofLengthBetween(0, 50));
    }

    @Test
    void R6_diagnose_gives_a_reason_exactly_for_the_strings_the_offline_check_refuses() {
        qt().withExamples(EXAMPLES * 3)
                .forAll(nearMisses())
                .checkAssert(raw -> assertThat(SecretFormat.diagnose(raw).isEmpty())
                        .as("diagnosed as a secret ⇔ parsed as one")
                        .isEqualTo(SecretFormat.parse(raw).isRight()));
        assertThat(SecretFormat.diagnose(null).isDefined()).isTrue();
    }

    @Test
    void R6_diagnose_never_repeats_the_string_it_refuses() {
        // at least 8 characters after stripping (a shorter string may well appear inside a reason's
        // words), by construction: QuickTheories gives an example only 10 draws to satisfy an
        // assumption, and its first examples (empty strings, cuts of length 0) could use them all
        qt().withExamples(EXAMPLES * 3)
                .forAll(nearMisses().map(raw -> raw.strip().length() >= 8 ? raw : raw + "~".repeat(8)))
                .checkAssert(raw -> SecretFormat.diagnose(raw)
                        .forEach(reason -> assertThat(reason).doesNotContain(raw.strip())));
    }

    @Test
    void R6_diagnose_names_the_fault() {
        var good = secret(TokenKind.API, 7L).reveal();
        assertThat(SecretFormat.diagnose("")).contains("it is empty");
        assertThat(SecretFormat.diagnose("ghp_" + good.substring(4)).get()).contains("does not start with swa_");
        assertThat(SecretFormat.diagnose(good.substring(0, 41)).get()).contains("has 41 characters");
        assertThat(SecretFormat.diagnose(good.substring(0, 20) + "-" + good.substring(21))
                        .get())
                .contains("other than 0-9, A-Z and a-z");
        var swapped = good.substring(0, 10) + good.charAt(11) + good.charAt(10) + good.substring(12);
        assertThat(swapped).isNotEqualTo(good);
        assertThat(SecretFormat.diagnose(swapped).get()).contains("checksum does not match");
    }
}
