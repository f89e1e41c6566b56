package dev.seatwarden.domain.seat;

import static dev.seatwarden.domain.fixtures.DomainGenerators.machineIdStrings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.seatwarden.domain.shared.Refusal;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** R11: a machine id is 1–128 characters from U+0021 to U+007E; anything else is refused. */
class MachineIdProperties {

    private static final int EXAMPLES = 300;

    private static boolean isInvalid(Either<Refusal, MachineId> parsed) {
        return parsed.isLeft() && parsed.getLeft().code().equals("MACHINE_ID_INVALID");
    }

    /** A character outside U+0021–U+007E: space, controls, DEL, non-ASCII, a surrogate half. */
    private static final Gen<Integer> OUTSIDE = Generate.oneOf(
            arbitrary().pick(0x20, 0x7F, 0x00, 0x09, 0x0A, 0x0D, 0xA0, 0xE9, 0x202E, 0x200B, 0xFEFF, 0x1F600),
            integers().between(0x00, 0x20),
            integers().between(0x7F, 0x10FFFF).assuming(cp -> cp < 0xD800 || cp > 0xDFFF));

    @Test
    void R11_one_to_128_printable_ascii_characters_are_a_valid_machine_id() {
        qt().withExamples(EXAMPLES).forAll(machineIdStrings()).checkAssert(raw -> {
            var parsed = MachineId.parse(raw);

            assertThat(parsed.isRight()).isTrue();
            assertThat(parsed.get().value()).isEqualTo(raw);
        });
    }

    @Test
    void R11_every_character_from_U0021_to_U007E_is_allowed_and_128_is_the_longest() {
        var all = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            all.append(c);
        }
        assertThat(MachineId.parse(all.toString()).isRight()).isTrue();
        assertThat(MachineId.parse("x".repeat(128)).isRight()).isTrue();
        assertThat(MachineId.parse("!").isRight()).isTrue();
    }

    @Test
    void R11_a_missing_or_empty_machine_id_is_invalid() {
        assertThat(isInvalid(MachineId.parse(null))).isTrue();
        assertThat(isInvalid(MachineId.parse(""))).isTrue();
    }

    @Test
    void R11_a_machine_id_of_129_or_more_characters_is_invalid() {
        qt().withExamples(EXAMPLES)
                .forAll(strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(129, 400))
                .checkAssert(raw -> assertThat(isInvalid(MachineId.parse(raw))).isTrue());
    }

    @Test
    void R11_a_space_control_or_non_ascii_character_anywhere_makes_it_invalid() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(0, 127),
                        OUTSIDE,
                        integers().between(0, 127))
                .checkAssert((valid, outside, at) -> {
                    int index = at % (valid.length() + 1);
                    var tainted = valid.substring(0, index) + Character.toString(outside) + valid.substring(index);

                    assertThat(isInvalid(MachineId.parse(tainted)))
                            .as("U+%04X", outside)
                            .isTrue();
                });
    }

    @Test
    void R11_no_machine_id_outside_the_rule_can_be_constructed() {
        qt().withExamples(EXAMPLES)
                .forAll(
                        strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(0, 127),
                        OUTSIDE,
                        integers().between(0, 127))
                .checkAssert((valid, outside, at) -> {
                    int index = at % (valid.length() + 1);
                    var tainted = valid.substring(0, index) + Character.toString(outside) + valid.substring(index);

                    assertThatThrownBy(() -> new MachineId(tainted)).isInstanceOf(IllegalArgumentException.class);
                });
        assertThatThrownBy(() -> new MachineId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MachineId("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void R11_blank_machine_ids_are_invalid() {
        qt().withExamples(100)
                .forAll(strings().betweenCodePoints(0x20, 0x20).ofLengthBetween(1, 128))
                .checkAssert(raw -> assertThat(isInvalid(MachineId.parse(raw))).isTrue());
    }
}
