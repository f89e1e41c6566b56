package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.memory.InMemoryAdapters;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.VerifyTokenUseCase;
import dev.seatwarden.application.service.UseCases;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.shared.LicensingSettings;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of README.md, compiled and run, so that it cannot rot: the README must show
 * exactly the lines between the markers below.
 */
class EmbeddingExampleTest {

    private static final Path THIS_SOURCE = Path.of("src/test/java/dev/seatwarden/bootstrap/EmbeddingExampleTest.java");
    private static final Path README = Path.of("..", "README.md");
    private static final String START = "// README-EXAMPLE-START";
    private static final String END = "// README-EXAMPLE-END";

    @Test
    void a_team_embeds_seatwarden_creates_a_token_and_the_first_machine_to_verify_takes_its_seat() {
        // README-EXAMPLE-START
        var seatwarden = UseCases.create(new InMemoryAdapters().ports(Clock.systemUTC()), LicensingSettings.defaults());

        // The operator makes an account on the PRO plan (R1: tokens need PRO or higher).
        var account = seatwarden
                .createAccount()
                .createAccount(new CreateAccountUseCase.Command("ada@example.com", Plan.PRO, Option.none()))
                .getOrElseThrow(refusal -> new IllegalStateException(refusal.code()));

        // Its owner creates an API token. The secret is in this answer and nowhere else, ever:
        // show it to the user once; Seatwarden keeps only its hash.
        var created = seatwarden
                .createToken()
                .createToken(new CreateTokenUseCase.Command(
                        account.id(), "build server", TokenKind.API, "release team", Option.none()))
                .getOrElseThrow(refusal -> new IllegalStateException(refusal.code()));
        var secret = created.secret().reveal();

        // Machines present the secret (the CLI does on every run); the first one takes the seat.
        Function<String, String> verifyFrom = machine -> seatwarden
                .verifyToken()
                .verify(new VerifyTokenUseCase.Command(
                        TokenKind.API, Option.some(secret), Option.some(machine), Option.none(), Option.none()))
                .fold(refusal -> "refused: " + refusal.code(), result -> "seat " + result.assignment());

        var buildServer = verifyFrom.apply("build-server-1");
        var laptop = verifyFrom.apply("laptop-7");
        // README-EXAMPLE-END

        assertThat(buildServer).isEqualTo("seat NEW");
        assertThat(laptop).isEqualTo("refused: SEAT_ASSIGNED_TO_OTHER_MACHINE");
        assertThat(verifyFrom.apply("build-server-1")).isEqualTo("seat CONTINUING");
        assertThat(created.token().name()).isEqualTo("build server");
    }

    @Test
    void the_readme_shows_exactly_the_example_that_runs_above() throws IOException {
        // given the example as this test runs it
        var source = Files.readAllLines(THIS_SOURCE);
        var example = withoutCommonIndentation(between(source, START, END));

        // when the README's Java blocks are read
        var blocks = javaBlocks(Files.readAllLines(README));

        // then one of them is the example, after the imports it needs, which this test also has
        assertThat(example).hasSizeGreaterThan(10);
        assertThat(blocks)
                .as("a ```java block in README.md holding exactly the lines between the markers of %s", THIS_SOURCE)
                .anySatisfy(block -> assertThat(withoutImports(block)).isEqualTo(example));
        var readmeImports = blocks.stream()
                .flatMap(List::stream)
                .filter(line -> line.startsWith("import "))
                .toList();
        assertThat(readmeImports)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(source).contains(line));
    }

    private static List<String> between(List<String> lines, String start, String end) {
        var from = indexOfTrimmed(lines, start);
        var to = indexOfTrimmed(lines, end);
        assertThat(from).as("marker %s", start).isNotNegative();
        assertThat(to).as("marker %s after %s", end, start).isGreaterThan(from);
        return lines.subList(from + 1, to);
    }

    private static int indexOfTrimmed(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> withoutCommonIndentation(List<String> lines) {
        var indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent).stripTrailing())
                .toList();
    }

    private static List<List<String>> javaBlocks(List<String> markdown) {
        var blocks = new ArrayList<List<String>>();
        List<String> current = null;
        for (var line : markdown) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(withoutCommonIndentation(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** The block without its leading import lines and the blank lines around them. */
    private static List<String> withoutImports(List<String> block) {
        int first = 0;
        while (first < block.size()
                && (block.get(first).isBlank() || block.get(first).startsWith("import "))) {
            first++;
        }
        return block.subList(first, block.size());
    }
}
