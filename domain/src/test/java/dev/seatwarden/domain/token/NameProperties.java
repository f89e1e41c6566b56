package dev.seatwarden.domain.token;

import static dev.seatwarden.domain.fixtures.DomainGenerators.forbiddenNonWhitespace;
import static dev.seatwarden.domain.fixtures.DomainGenerators.forbiddenWhitespace;
import static dev.seatwarden.domain.fixtures.DomainGenerators.instants;
import static dev.seatwarden.domain.fixtures.DomainGenerators.nameStrings;
import static dev.seatwarden.domain.fixtures.DomainGenerators.nameStringsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.licensing.TokenDraft;
import dev.seatwarden.domain.shared.FieldError;
import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** R4: names and assignees (and the draft that checks all fields of a new token at once). */
class NameProperties {

    private static final int EXAMPLES = 300;

    /** White space that trimming removes: ASCII blanks and Unicode space separators. */
    private static final Gen<String> PADDING = strings()
            .betweenCodePoints(0, 5)
            .ofLengthBetween(0, 4)
            .map(s -> s.chars()
                    .mapToObj(i -> String.valueOf(" \t\n\r\u2003\u3000".charAt(i)))
                    .reduce("", String::concat));

    private static final Gen<String> VALID = nameStrings();

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code name} with {@code codePoint} put at code point index {@code at % (length + 1)}. */
    private static String insert(String name, int codePoint, int at) {
        int index = name.offsetByCodePoints(0, at % (codePoints(name) + 1));
        return name.substring(0, index) + Character.toString(codePoint) + name.substring(index);
    }

    private static void assertRefusedNaming(Either<FieldError, ?> checked, String field) {
        assertThat(checked.isLeft()).as("refused").isTrue();
        assertThat(checked.getLeft().field()).isEqualTo(field);
    }

    @Test
    void R4_a_name_is_trimmed_before_it_is_checked_and_stored() {
        qt().withExamples(EXAMPLES).forAll(PADDING, VALID, PADDING).checkAssert((before, name, after) -> {
            var parsed = TokenName.parse(before + name + after);

            assertThat(parsed.map(TokenName::value).toJavaOptional()).contains(name);
        });
    }

    @Test
    void R4_a_name_of_1_to_100_code_points_is_accepted_astral_plane_characters_counting_one_each() {
        qt().withExamples(EXAMPLES)
                .forAll(nameStringsOf(integers().between(1, 100)))
                .checkAssert(name -> {
                    assertThat(TokenName.parse(name).isRight()).isTrue();
                    assertThat(TokenName.parse(name).get().value()).isEqualTo(name);
                });
    }

    @Test
    void R4_a_name_of_100_astral_plane_characters_is_accepted_though_it_is_200_chars() {
        qt().withExamples(50)
                .forAll(strings().betweenCodePoints(0x1F600, 0x1F64F).ofFixedNumberOfCodePoints(100))
                .checkAssert(name -> {
                    assertThat(name).hasSize(200);
                    assertThat(TokenName.parse(name).isRight()).isTrue();
                });
    }

    @Test
    void R4_an_empty_or_blank_name_is_refused_naming_the_field() {
        qt().withExamples(100).forAll(PADDING).checkAssert(blank -> {
            assertRefusedNaming(TokenName.parse(blank), "name");
        });
        assertRefusedNaming(TokenName.parse(null), "name");
    }

    @Test
    void R4_a_name_of_101_or_more_code_points_is_refused_naming_the_field() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        nameStringsOf(Generate.oneOf(
                                arbitrary().constant(101), integers().between(101, 300))),
                        PADDING)
                .checkAssert((name, padding) -> {
                    assertThat(codePoints(name)).isGreaterThan(100);

                    assertRefusedNaming(TokenName.parse(padding + name + padding), "name");
                });
    }

    @Test
    void R4_a_control_or_format_character_anywhere_refuses_the_name() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        nameStringsOf(integers().between(0, 99)),
                        forbiddenNonWhitespace(),
                        integers().all())
                .checkAssert((name, forbidden, at) -> {
                    var tainted = insert(name, forbidden, Math.abs(at % 1000));

                    assertRefusedNaming(TokenName.parse(tainted), "name");
                });
    }

    @Test
    void R4_the_documented_examples_U202E_U200B_U0007_are_refused_at_the_start_middle_and_end() {
        for (var forbidden : new String[] {"\u202E", "\u200B", "\u0007"}) {
            for (var name : new String[] {forbidden + "name", "na" + forbidden + "me", "name" + forbidden}) {
                assertRefusedNaming(TokenName.parse(name), "name");
                assertRefusedNaming(Assignee.parse(name), "assignee");
            }
        }
    }

    @Test
    void R4_a_white_space_control_character_inside_a_name_refuses_it() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        nameStringsOf(integers().between(2, 99)),
                        forbiddenWhitespace(),
                        integers().between(1, 1000))
                .checkAssert((name, forbidden, at) -> {
                    int inside = 1 + at % (codePoints(name) - 1);
                    var tainted = insert(name, forbidden, inside);

                    assertRefusedNaming(TokenName.parse(tainted), "name");
                });
    }

    @Test
    void R4_no_name_or_assignee_outside_the_rule_can_be_constructed_untrimmed_ones_included() {
        Gen<String> invalid = Generate.oneOf(
                arbitrary().pick("", " ", " padded", "padded ", "\u202E", "a\u200Bb", "bell\u0007"),
                nameStringsOf(integers().between(101, 130)),
                nameStringsOf(integers().between(0, 99))
                        .zip(forbiddenNonWhitespace(), integers().between(0, 1000), NameProperties::insert));
        qt().withExamples(EXAMPLES).forAll(invalid).checkAssert(value -> {
            assertThatThrownBy(() -> new TokenName(value)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Assignee(value)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void R4_the_assignee_is_optional_blank_meaning_none() {
        qt().withExamples(100).forAll(PADDING).checkAssert(blank -> {
            assertThat(Assignee.parse(blank).toJavaOptional()).contains(Option.none());
        });
        assertThat(Assignee.parse(null).toJavaOptional()).contains(Option.none());
    }

    @Test
    void R4_an_assignee_of_1_to_100_code_points_is_accepted_trimmed() {
        qt().withExamples(EXAMPLES)
                .forAll(PADDING, nameStringsOf(integers().between(1, 100)), PADDING)
                .checkAssert((before, assignee, after) -> {
                    var parsed = Assignee.parse(before + assignee + after);

                    assertThat(parsed.toJavaOptional()).contains(Option.some(new Assignee(assignee)));
                });
    }

    @Test
    void R4_an_assignee_over_100_code_points_or_with_a_control_or_format_character_is_refused_naming_it() {
        Gen<String> tooLong = nameStringsOf(integers().between(101, 200));
        Gen<String> tainted = nameStringsOf(integers().between(0, 99))
                .zip(forbiddenNonWhitespace(), integers().between(0, 1000), NameProperties::insert);
        qt().withExamples(EXAMPLES).forAll(Generate.oneOf(tooLong, tainted)).checkAssert(assignee -> {
            assertRefusedNaming(Assignee.parse(assignee), "assignee");
        });
    }

    @Test
    void R4_a_draft_reports_every_faulty_field_at_once() {
        Gen<String> badNames = Generate.oneOf(
                arbitrary().pick("", "   ", "\u202E", "a\u200Bb"),
                nameStringsOf(integers().between(101, 130)));
        Gen<String> badAssignees = Generate.oneOf(
                arbitrary().pick("\u0007", "x\u202Ey"), nameStringsOf(integers().between(101, 130)));
        Gen<Set<String>> faults = booleans()
                .all()
                .zip(booleans().all(), booleans().all(), booleans().all(), (name, kind, assignee, expiry) -> {
                    var fields = new HashSet<String>();
                    if (name) fields.add("name");
                    if (kind) fields.add("kind");
                    if (assignee) fields.add("assignee");
                    if (expiry) fields.add("expiresAt");
                    return fields;
                });
        Gen<Duration> offsets = Generate.oneOf(
                arbitrary().constant(Duration.ZERO),
                integers().between(1, 1_000_000).map(n -> Duration.ofSeconds(n)),
                integers().between(1, 1_000).map(n -> Duration.ofNanos(n)));
        qt().withExamples(EXAMPLES)
                .forAll(faults, badNames.zip(badAssignees, VALID, java.util.List::of), offsets, instants())
                .checkAssert((fields, strings, offset, now) -> {
                    var name = fields.contains("name") ? strings.get(0) : strings.get(2);
                    var kind = fields.contains("kind") ? null : TokenKind.INTEGRATION;
                    var assignee = fields.contains("assignee") ? strings.get(1) : strings.get(2);
                    var expiry = fields.contains("expiresAt")
                            ? now.minus(offset)
                            : now.plus(offset).plusNanos(1);

                    var draft = TokenDraft.validate(name, kind, assignee, Option.some(expiry), now);

                    if (fields.isEmpty()) {
                        assertThat(draft.isRight()).isTrue();
                        assertThat(draft.get().name().value()).isEqualTo(strings.get(2));
                        assertThat(draft.get().assignee()).containsExactly(new Assignee(strings.get(2)));
                        assertThat(draft.get().expiresAt()).containsExactly(expiry);
                    } else {
                        assertThat(draft.isLeft()).isTrue();
                        var refusal = (Refusal.ValidationFailed) draft.getLeft();
                        assertThat(refusal.code()).isEqualTo("VALIDATION_FAILED");
                        assertThat(refusal.errors().map(FieldError::field).toJavaList())
                                .containsExactlyInAnyOrderElementsOf(fields);
                    }
                });
    }

    @Test
    void R20_a_draft_without_expiry_or_with_one_in_the_future_is_accepted() {
        qt().withExamples(100)
                .forAll(VALID, instants(), integers().between(0, 1_000_000))
                .checkAssert((name, now, seconds) -> {
                    var never = TokenDraft.validate(name, TokenKind.API, null, Option.none(), now);
                    var later = TokenDraft.validate(
                            name,
                            TokenKind.API,
                            null,
                            Option.some(now.plusSeconds(seconds).plusNanos(1)),
                            now);
                    var exactlyNow = TokenDraft.validate(name, TokenKind.API, null, Option.some(now), now);

                    assertThat(never.isRight()).isTrue();
                    assertThat(later.isRight()).isTrue();
                    assertThat(exactlyNow.isLeft()).isTrue();
                    assertThat(((Refusal.ValidationFailed) exactlyNow.getLeft()).errors())
                            .containsExactly(new FieldError("expiresAt", "must be in the future"));
                });
    }

    @Test
    void R20_an_expiry_after_the_year_9999_is_refused_naming_the_field() {
        qt().withExamples(100)
                .forAll(VALID, instants(), longs().between(1, Long.MAX_VALUE / 2))
                .checkAssert((name, now, micros) -> {
                    // Given an expiry past the last one a token may have, by any amount
                    var tooLate =
                            TokenDraft.LATEST_EXPIRY.plusNanos(1).plus(micros % 1_000_000_000_000L, ChronoUnit.MICROS);

                    // Then it is refused, and the last one is accepted
                    var refused = TokenDraft.validate(name, TokenKind.API, null, Option.some(tooLate), now);
                    var latest =
                            TokenDraft.validate(name, TokenKind.API, null, Option.some(TokenDraft.LATEST_EXPIRY), now);
                    assertThat(((Refusal.ValidationFailed) refused.getLeft()).errors())
                            .containsExactly(new FieldError("expiresAt", "must be before the year 10000"));
                    assertThat(latest.get().expiresAt()).contains(TokenDraft.LATEST_EXPIRY);
                });
    }
}
