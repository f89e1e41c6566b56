package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.accountJson;
import static dev.seatwarden.adapters.filesystem.Workspace.described;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static dev.seatwarden.adapters.filesystem.Workspace.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault of a credential file, each naming the file by its full path, with the line and column
 * where there is one, and none showing the token; several at once where there are several.
 */
class CredentialFileFaultsTest {

    private static final String TOKEN = token(1).reveal();
    private static final String OTHER_TOKEN = token(2).reveal();

    @TempDir
    Path temp;

    private Workspace space;
    private Path file;

    @BeforeEach
    void workspace() {
        space = new Workspace(temp);
        file = space.work.resolve("given").resolve("rpd_account.json");
    }

    private java.util.List<String> accountFaults(String content) {
        put(file, content);
        return faults(space.accounts().read(Option.some(file)));
    }

    private java.util.List<String> scriptFaults(String content) {
        put(file, content);
        return faults(space.scripts().read(Option.some(file)));
    }

    private static <C> java.util.List<String> faults(Validation<Seq<CredentialFault>, CredentialFiles.Found<C>> read) {
        assertThat(read.isInvalid()).as("the read is refused: %s", read).isTrue();
        return described(read.getError(), TOKEN, OTHER_TOKEN);
    }

    // ---- the file itself ----------------------------------------------------------------------

    @Test
    void a_given_file_that_is_missing_names_it_and_the_command_that_makes_it() {
        // When a --file that does not exist is read, as rpd_account.json and as credentials.json
        var account = faults(space.accounts().read(Option.some(file)));
        var script = faults(space.scripts().read(Option.some(file)));

        // Then each fault names the file and the command that writes it there
        assertThat(account)
                .containsExactly(file + ": missing; `seatwarden login --host HOST --file " + file + "` makes it");
        assertThat(script)
                .containsExactly(file + ": missing; `seatwarden credentials write --file " + file + "` makes it");
    }

    @Test
    void a_path_with_characters_a_shell_would_split_is_quoted_in_the_command() {
        // Given a missing --file whose folder has a space and whose name has a quote
        var odd = space.work.resolve("my creds").resolve("ana's.json");

        // Then the command in the fault can be pasted into a shell as it is
        assertThat(faults(space.accounts().read(Option.some(odd))))
                .containsExactly(odd + ": missing; `seatwarden login --host HOST --file '" + space.work
                        + "/my creds/ana'\\''s.json'` makes it");
    }

    @Test
    void when_no_place_along_the_lookup_has_the_file_the_fault_names_every_place_looked_at() {
        // Given no rpd_account.json anywhere, and $SEATWARDEN_ACCOUNT_FILE naming a missing file
        var named = space.root.resolve("elsewhere/account.json");
        space.environment.put(FileCredentialAdapters.ACCOUNT_FILE_VARIABLE, named.toString());

        // When the files are read without --file
        var account = faults(space.accounts().read(Option.none()));
        var script = faults(space.scripts().read(Option.none()));

        // Then the faults say which places were looked at, in order, and what makes the file
        assertThat(account)
                .containsExactly(named + ": missing: no rpd_account.json at any place looked at (in order: " + named
                        + " (from $SEATWARDEN_ACCOUNT_FILE), " + space.work.resolve("rpd_account.json") + ", "
                        + space.configAccountFile() + "); `seatwarden login --host HOST` makes it");
        var credentials = space.work.resolve("credentials.json");
        assertThat(script)
                .containsExactly(credentials + ": missing: no credentials.json at any place looked at (in order: "
                        + credentials + "); `seatwarden credentials write` makes it");
    }

    @Test
    void a_folder_is_not_a_credential_file() throws IOException {
        Files.createDirectories(file);

        assertThat(faults(space.accounts().read(Option.some(file))))
                .containsExactly(file + ": not a regular file: it is a folder");
    }

    @Test
    void a_path_through_a_regular_file_is_unreadable() {
        // Given a path whose folder is a regular file (a fault that root meets too)
        var blocker = put(space.work.resolve("blocker"), "not a folder");
        var through = blocker.resolve("rpd_account.json");

        // Then reading it is a fault that names it and says why
        assertThat(faults(space.accounts().read(Option.some(through))))
                .singleElement()
                .asString()
                .startsWith(through + ": unreadable: ");
    }

    @Test
    void a_file_without_read_permission_is_unreadable() {
        Assumptions.assumeFalse(
                space.runningAsRoot(),
                "running as root, who may read any file whatever its mode: no permission can be refused");
        // Given a file nobody may read
        put(file, accountJson("api.example.com", TOKEN));
        Workspace.chmod(file, "---------");

        assertThat(faults(space.accounts().read(Option.some(file))))
                .containsExactly(file + ": unreadable: permission denied");
    }

    @Test
    void a_file_larger_than_64_KiB_is_refused_without_being_read_whole() throws IOException {
        // Given a valid file padded to one byte over 64 KiB, and a sparse file of 4 GiB (a video?)
        var padded = accountJson("api.example.com", TOKEN);
        put(file, padded + " ".repeat(FileCredentials.MAX_BYTES + 1 - padded.length()));
        var huge = space.work.resolve("video.mp4");
        try (var video = new RandomAccessFile(huge.toFile(), "rw")) {
            video.setLength(4L << 30);
        }

        // Then both are too large
        var tooLarge = ": too large: more than 65536 bytes, where a few hundred are expected; is this the right file?";
        assertThat(faults(space.accounts().read(Option.some(file)))).containsExactly(file + tooLarge);
        assertThat(faults(space.accounts().read(Option.some(huge)))).containsExactly(huge + tooLarge);
    }

    @Test
    void a_file_of_exactly_64_KiB_is_read() {
        // Given a valid file padded to exactly 64 KiB
        var padded = accountJson("api.example.com", TOKEN);
        put(file, padded + " ".repeat(FileCredentials.MAX_BYTES - padded.length()));

        // Then it is read
        assertThat(space.accounts().read(Option.some(file)).isValid()).isTrue();
    }

    @Test
    void bytes_that_are_not_UTF_8_are_a_fault_at_their_line_and_column() {
        // Given a file whose third line has a byte that is not UTF-8 after 16 characters
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("{\n  \"host\": \"api.example.com\",\n  \"token\": \"swa_".getBytes(StandardCharsets.UTF_8));
        int offset = bytes.size();
        bytes.write(0xFF);
        bytes.writeBytes((TOKEN.substring(4) + "\"\n}\n").getBytes(StandardCharsets.UTF_8));
        put(file, bytes.toByteArray());

        assertThat(faults(space.accounts().read(Option.some(file))))
                .containsExactly(file + ":3:17: not UTF-8 text: the byte at offset " + offset + " is not valid UTF-8");
    }

    @Test
    void a_byte_order_mark_and_windows_line_endings_are_accepted() {
        put(file, "\uFEFF" + accountJson("api.example.com", TOKEN).replace("\n", "\r\n"));

        var read = space.accounts().read(Option.some(file));

        assertThat(read.isValid()).as("%s", read).isTrue();
        assertThat(read.get().credential().token().reveal()).isEqualTo(TOKEN);
    }

    // ---- JSON ---------------------------------------------------------------------------------

    @Test
    void a_token_without_quotes_is_not_JSON_at_its_line_and_column_and_is_not_repeated() {
        var faults = accountFaults("{\n  \"host\": \"api.example.com\",\n  \"token\": " + TOKEN + "\n}\n");

        assertThat(faults).containsExactly(file + ":3:12: not JSON: unexpected character");
    }

    @Test
    void a_missing_comma_or_a_trailing_comma_is_not_JSON_at_its_place() {
        assertThat(accountFaults("{\n  \"host\": \"api.example.com\"\n  \"token\": \"" + TOKEN + "\"\n}"))
                .containsExactly(file + ":3:3: not JSON: unexpected character");
        assertThat(accountFaults("{\n  \"host\": \"api.example.com\",\n  \"token\": \"" + TOKEN + "\",\n}"))
                .containsExactly(file + ":4:1: not JSON: unexpected character");
    }

    @Test
    void a_file_that_ends_inside_the_token_is_not_JSON_and_does_not_repeat_it() {
        var faults = accountFaults("{\"host\": \"api.example.com\", \"token\": \"" + TOKEN);

        assertThat(faults)
                .containsExactly(file + ":1:" + (39 + TOKEN.length())
                        + ": not JSON: the text ends inside a string, an object or an array");
    }

    @Test
    void an_empty_file_or_one_of_white_space_is_not_JSON() {
        assertThat(accountFaults("")).containsExactly(file + ": not JSON: the file is empty");
        assertThat(accountFaults(" \n\t\n")).containsExactly(file + ": not JSON: the file is empty");
    }

    @Test
    void json_that_is_not_an_object_is_refused_with_what_it_is() {
        assertThat(accountFaults("[\"" + TOKEN + "\"]"))
                .containsExactly(file + ":1:1: not a JSON object: it holds an array, where an object {…} is expected");
        assertThat(accountFaults("\n  \"" + TOKEN + "\""))
                .containsExactly(file + ":2:3: not a JSON object: it holds a string, where an object {…} is expected");
        assertThat(accountFaults("42"))
                .containsExactly(file + ":1:1: not a JSON object: it holds a number, where an object {…} is expected");
        assertThat(accountFaults("null"))
                .containsExactly(file + ":1:1: not a JSON object: it holds null, where an object {…} is expected");
    }

    @Test
    void anything_after_the_object_is_refused() {
        var json = "{\"host\": \"api.example.com\", \"token\": \"" + TOKEN + "\"}";

        assertThat(accountFaults(json + "\n{}"))
                .containsExactly(file + ":2:1: not JSON: more follows the object's closing brace");
        assertThat(accountFaults(json + " " + OTHER_TOKEN))
                .containsExactly(file + ":1:" + (json.length() + 2) + ": not JSON: unexpected character");
    }

    @Test
    void json_nested_too_deeply_is_refused() {
        var deep = "[".repeat(5_000) + "]".repeat(5_000);

        assertThat(accountFaults("{\"junk\": " + deep + ", \"token\": \"" + TOKEN + "\"}"))
                .singleElement()
                .asString()
                .startsWith(file.toString())
                .endsWith(": not JSON that a credential file holds: nested too deeply or a value too long");
    }

    // ---- fields -------------------------------------------------------------------------------

    @Test
    void a_field_given_twice_is_a_fault_at_the_second_naming_the_first() {
        var faults = accountFaults("{\n  \"host\": \"api.example.com\",\n  \"token\": \"" + TOKEN
                + "\",\n  \"token\": \"" + OTHER_TOKEN + "\"\n}\n");

        assertThat(faults)
                .containsExactly(file + ":4:12: \"token\" appears more than once (first at line 3, column 12); a file"
                        + " holds each field once");
    }

    @Test
    void a_missing_token_is_a_fault_of_both_files() {
        assertThat(accountFaults("{\"host\": \"api.example.com\"}"))
                .containsExactly(file + ": no \"token\" field; it holds the token");
        assertThat(scriptFaults("{\"host\": \"api.example.com\", \"tokens\": [\"" + TOKEN + "\"]}"))
                .containsExactly(file + ": no \"token\" field; it holds the token");
    }

    @Test
    void a_token_that_is_not_a_string_is_a_fault_at_its_value() {
        var prefix = "{\n  \"host\": \"api.example.com\",\n  \"token\": ";

        assertThat(accountFaults(prefix + "42\n}"))
                .containsExactly(file + ":3:12: \"token\" is a number, where a string is expected");
        assertThat(accountFaults(prefix + "null\n}"))
                .containsExactly(file + ":3:12: \"token\" is null, where a string is expected");
        assertThat(accountFaults(prefix + "[\"" + TOKEN + "\"]\n}"))
                .containsExactly(file + ":3:12: \"token\" is an array, where a string is expected");
        assertThat(accountFaults(prefix + "{\"value\": \"" + TOKEN + "\"}\n}"))
                .containsExactly(file + ":3:12: \"token\" is an object, where a string is expected");
        assertThat(scriptFaults("{\"token\": true}"))
                .containsExactly(file + ":1:11: \"token\" is a boolean, where a string is expected");
    }

    @Test
    void an_empty_token_is_a_fault_at_its_value() {
        assertThat(accountFaults(accountJson("api.example.com", "")))
                .containsExactly(file + ":3:12: \"token\" is empty");
        assertThat(scriptFaults("{\"token\": \"\"}")).containsExactly(file + ":1:11: \"token\" is empty");
    }

    @Test
    void a_token_that_fails_R6_is_a_fault_that_says_why_without_repeating_it() {
        // Given tokens mistyped in each way R6 catches
        var swapped = TOKEN.substring(0, 10) + TOKEN.charAt(11) + TOKEN.charAt(10) + TOKEN.substring(12);
        var mistyped = TOKEN.substring(0, 20) + (TOKEN.charAt(20) == 'x' ? 'y' : 'x') + TOKEN.substring(21);
        var broken = new String[] {
            swapped.equals(TOKEN) ? mistyped : swapped,
            mistyped,
            TOKEN.substring(0, TOKEN.length() - 1),
            TOKEN + "A",
            "abc_" + TOKEN.substring(4),
            TOKEN.substring(0, 20) + "-" + TOKEN.substring(21),
            " " + TOKEN,
        };
        for (var raw : broken) {
            // When a file holds it
            var faults = accountFaults(accountJson("api.example.com", raw));

            // Then the fault is R6's reason, at the value, and shows no part of it
            assertThat(faults)
                    .containsExactly(file + ":3:12: \"token\" is not a Seatwarden token: "
                            + SecretFormat.diagnose(raw).get());
            assertThat(faults.get(0)).doesNotContain(raw.strip().substring(4, 14));
        }
    }

    @Test
    void an_integration_token_passes_the_format_check() {
        var integration = dev.seatwarden.domain.fixtures.DomainGenerators.secret(TokenKind.INTEGRATION, 3);
        put(file, "{\"token\": \"" + integration.reveal() + "\"}");

        var read = space.scripts().read(Option.some(file));

        assertThat(read.map(found -> found.credential().token())).containsExactly(integration);
    }

    @Test
    void a_host_that_is_missing_not_a_string_or_invalid_is_a_fault_at_its_value() {
        assertThat(accountFaults("{\"token\": \"" + TOKEN + "\"}"))
                .containsExactly(file + ": no \"host\" field; it names the server, such as \"api.example.com\"");
        assertThat(accountFaults("{\"host\": 8443, \"token\": \"" + TOKEN + "\"}"))
                .containsExactly(file + ":1:10: \"host\" is a number, where a string is expected");
        assertThat(accountFaults(accountJson("", TOKEN)))
                .containsExactly(file + ":2:11: \"host\" is not a server address: the host is empty");
        assertThat(accountFaults(accountJson("ftp://files.example.com", TOKEN)))
                .containsExactly(file + ":2:11: \"host\" is not a server address: "
                        + dev.seatwarden.application.client.ServerAddress.parse("ftp://files.example.com")
                                .getLeft());
        assertThat(accountFaults(accountJson("api.example.com:99999", TOKEN)))
                .containsExactly(file + ":2:11: \"host\" is not a server address: the host's port must be 1 to 65535");
    }

    @Test
    void host_and_token_faults_are_reported_together_with_a_repeated_field() {
        // Given a file whose host is invalid, whose token is too short, and whose host is given twice
        var faults = accountFaults("{\n  \"host\": \"https://user:pw@api.example.com\",\n  \"token\": \""
                + TOKEN.substring(0, 30) + "\",\n  \"host\": \"api.example.com\"\n}\n");

        // Then all three are reported, in the file's order of fields
        assertThat(faults)
                .containsExactly(
                        file + ":4:11: \"host\" appears more than once (first at line 2, column 11); a file holds each"
                                + " field once",
                        file + ":2:11: \"host\" is not a server address: the host must not hold a user name or"
                                + " password",
                        file + ":3:12: \"token\" is not a Seatwarden token: it has 30 characters; a token has 42");
    }

    @Test
    void a_host_and_a_token_that_are_both_missing_are_reported_together() {
        assertThat(accountFaults("{}"))
                .containsExactly(
                        file + ": no \"host\" field; it names the server, such as \"api.example.com\"",
                        file + ": no \"token\" field; it holds the token");
    }

    @Test
    void other_fields_are_ignored_even_when_they_hold_a_token_field_inside() {
        // Given a file with fields beyond host and token, one of them an object with a token of its own
        put(
                file,
                "{\"comment\": \"work laptop\", \"nested\": {\"token\": 1, \"host\": [1, 2]}, \"host\":"
                        + " \"https://example.com/seatwarden\", \"list\": [{\"token\": null}], \"token\": \"" + TOKEN
                        + "\", \"n\": 1.5e3, \"b\": false}");

        // When it is read
        var read = space.accounts().read(Option.some(file));

        // Then the top-level host and token are the credential
        assertThat(read.isValid()).as("%s", read).isTrue();
        assertThat(read.get().credential())
                .isEqualTo(new AccountCredential(Workspace.host("https://example.com/seatwarden"), token(1)));
    }

    @Test
    void credentials_json_ignores_a_host_field() {
        put(file, "{\"host\": 42, \"token\": \"" + TOKEN + "\"}");

        var read = space.scripts().read(Option.some(file));

        assertThat(read.map(found -> found.credential())).containsExactly(new ScriptCredential(token(1)));
    }
}
