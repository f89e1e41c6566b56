package dev.seatwarden.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The refusal records and the codes of {@code domain-rules.md} are the same set: one record per
 * code in "Codes at a glance", plus {@code TOKEN_MISSING} (listed only in the verification order).
 */
class RefusalCodesTest {

    /** From the module's directory ({@code domain/}): {@code shared/} lies beside the repository. */
    private static final Path RULES = Path.of("..", "..", "shared", "spec", "domain-rules.md");

    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z_]+)`");

    /** The codes in the first column of the table under "## Codes at a glance". */
    private static Set<String> documentedCodes() throws IOException {
        if (!Files.isRegularFile(RULES)) {
            fail("domain-rules.md not found at " + RULES.toAbsolutePath().normalize()
                    + ": the shared/ folder (spec/domain-rules.md) must lie beside the repository clone");
        }
        var codes = new TreeSet<String>();
        boolean inSection = false;
        for (var line : Files.readAllLines(RULES, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Codes at a glance");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            var cells = line.split("\\|");
            if (cells.length < 2) {
                continue;
            }
            var matcher = CODE.matcher(cells[1]);
            while (matcher.find()) {
                codes.add(matcher.group(1));
            }
        }
        if (codes.isEmpty()) {
            fail("no codes found under \"## Codes at a glance\" in "
                    + RULES.toAbsolutePath().normalize());
        }
        return codes;
    }

    /** One instance of each refusal record, built from placeholder values of its components. */
    private static java.util.List<Refusal> oneOfEach() throws ReflectiveOperationException {
        var refusals = new ArrayList<Refusal>();
        for (var type : Refusal.class.getPermittedSubclasses()) {
            assertThat(type.isRecord())
                    .as("%s is a record", type.getSimpleName())
                    .isTrue();
            var components = type.getRecordComponents();
            var types = java.util.Arrays.stream(components)
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            var args = java.util.Arrays.stream(types)
                    .map(RefusalCodesTest::placeholder)
                    .toArray();
            refusals.add((Refusal) type.getDeclaredConstructor(types).newInstance(args));
        }
        return refusals;
    }

    private static Object placeholder(Class<?> type) {
        if (type == io.vavr.collection.List.class) {
            return io.vavr.collection.List.of(new FieldError("field", "message"));
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-01T00:00:00Z");
        }
        if (type == int.class) {
            return 1;
        }
        throw new IllegalStateException("no placeholder for " + type);
    }

    @Test
    void the_refusal_codes_are_exactly_the_documented_codes_plus_token_missing() throws Exception {
        var expected = new TreeSet<>(documentedCodes());
        expected.add("TOKEN_MISSING");

        var codes = oneOfEach().stream().map(Refusal::code).toList();

        assertThat(codes).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(codes)).isEqualTo(expected);
    }

    @Test
    void each_refusal_records_name_is_its_code_in_camel_case() throws Exception {
        for (var refusal : oneOfEach()) {
            var camel = new StringBuilder();
            for (var word : refusal.code().split("_")) {
                camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(refusal.getClass().getSimpleName()).isEqualTo(camel.toString());
        }
    }
}
