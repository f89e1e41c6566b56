package dev.seatwarden.domain.token;

import static dev.seatwarden.domain.fixtures.DomainGenerators.machineIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.fixtures.DomainGenerators;
import io.vavr.control.Option;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** R23: the last use's remote address and user agent are kept clean and bounded. */
class LastUseProperties {

    private static final int EXAMPLES = 300;

    /** Client-sent text: printable ASCII, other scripts, astral characters, controls and format characters. */
    private static final Gen<String> CLIENT_TEXT = lists().of(Generate.oneOf(
                    integers().between(0x20, 0x7E),
                    integers().between(0x20, 0x7E),
                    integers().between(0x00, 0x1F),
                    arbitrary().pick(0x7F, 0x85, 0x9F, 0x200B, 0x202E, 0xFEFF, 0x2028, 0x3000, 0xE9),
                    integers().between(0x1F600, 0x1F64F)))
            .ofSizes(Generate.oneOf(integers().between(0, 20), integers().between(200, 600)))
            .map(DomainGenerators::fromCodePoints);

    /** R23's cleaning, written out: drop Cc and Cf, trim, keep at most 256 code points, blank is none. */
    private static Option<String> expectedClean(String raw) {
        var kept = raw.codePoints()
                .filter(cp -> {
                    int type = Character.getType(cp);
                    return type != Character.CONTROL && type != Character.FORMAT;
                })
                .mapToObj(Character::toString)
                .collect(Collectors.joining())
                .strip();
        if (kept.isEmpty()) {
            return Option.none();
        }
        return Option.some(
                kept.codePoints().limit(256).mapToObj(Character::toString).collect(Collectors.joining()));
    }

    @Test
    void R23_remote_address_and_user_agent_lose_control_and_format_characters_and_keep_at_most_256_code_points() {
        qt().withExamples(EXAMPLES)
                .forAll(machineIds(), CLIENT_TEXT, CLIENT_TEXT)
                .checkAssert((machine, address, agent) -> {
                    var use = new LastUse(machine, Option.some(address), Option.some(agent));

                    assertThat(use.machine()).isEqualTo(machine);
                    assertThat(use.remoteAddress()).isEqualTo(expectedClean(address));
                    assertThat(use.userAgent()).isEqualTo(expectedClean(agent));
                    for (var kept : use.remoteAddress().toList().appendAll(use.userAgent())) {
                        assertThat(kept.codePointCount(0, kept.length())).isBetween(1, 256);
                        assertThat(kept.codePoints())
                                .noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                                        || Character.getType(cp) == Character.FORMAT);
                    }
                });
    }

    @Test
    void R23_printable_ascii_with_edge_spaces_and_lengths_around_the_limit_is_cleaned_as_written_out() {
        var ascii = Generate.oneOf(
                strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 12),
                strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(250, 262),
                strings().betweenCodePoints(0x20, 0x21).ofLengthBetween(0, 300));
        qt().withExamples(EXAMPLES).forAll(machineIds(), ascii).checkAssert((machine, text) -> {
            var use = new LastUse(machine, Option.some(text), Option.some(" " + text));

            assertThat(use.remoteAddress()).isEqualTo(expectedClean(text));
            assertThat(use.userAgent()).isEqualTo(expectedClean(" " + text));
        });
    }

    @Test
    void R23_clean_text_of_at_most_256_code_points_is_kept_as_sent() {
        qt().withExamples(EXAMPLES)
                .forAll(machineIds(), strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(1, 256))
                .checkAssert((machine, text) -> {
                    var use = new LastUse(machine, Option.some(text), Option.some(text));

                    assertThat(use.remoteAddress()).containsExactly(text);
                    assertThat(use.userAgent()).containsExactly(text);
                });
    }

    @Test
    void R23_missing_or_only_control_text_is_none() {
        qt().withExamples(100)
                .forAll(machineIds(), strings().betweenCodePoints(0x00, 0x1F).ofLengthBetween(0, 20))
                .checkAssert((machine, controls) -> {
                    assertThat(new LastUse(machine, Option.some(controls), Option.none()).remoteAddress())
                            .isEmpty();
                    assertThat(new LastUse(machine, Option.none(), Option.some(controls)).userAgent())
                            .isEmpty();
                });
    }
}
