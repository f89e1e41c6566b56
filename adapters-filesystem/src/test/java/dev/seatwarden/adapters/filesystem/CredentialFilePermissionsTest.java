package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.account;
import static dev.seatwarden.adapters.filesystem.Workspace.accountJson;
import static dev.seatwarden.adapters.filesystem.Workspace.chmod;
import static dev.seatwarden.adapters.filesystem.Workspace.permissions;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static dev.seatwarden.adapters.filesystem.Workspace.token;
import static dev.seatwarden.adapters.filesystem.Workspace.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.seatwarden.application.client.ScriptCredential;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mode 0600 for every file written, and the ssh-like warning for a file that group or others may
 * use: the file is still read.
 */
class CredentialFilePermissionsTest {

    @TempDir
    Path temp;

    private Workspace space;
    private Path file;

    @BeforeEach
    void workspace() {
        space = new Workspace(temp);
        file = space.work.resolve("rpd_account.json");
    }

    @Test
    void a_new_file_is_written_with_mode_0600() {
        written(space.accounts().write(Option.some(file), account("api.example.com", 1)));
        var script = written(space.scripts().write(Option.none(), new ScriptCredential(token(2))));

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(script)).isEqualTo("rw-------");
    }

    @Test
    void a_file_of_mode_0644_overwritten_becomes_0600() {
        // Given a file that others may read
        put(file, accountJson("old.example.com", token(1).reveal()));
        chmod(file, "rw-r--r--");

        // When a credential is written over it
        written(space.accounts().write(Option.none(), account("new.example.com", 2)));

        // Then it holds the new credential, with mode 0600
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(space.accounts().read(Option.none()).get().credential()).isEqualTo(account("new.example.com", 2));
    }

    @ParameterizedTest(name = "mode {0}")
    @CsvSource({
        "0640, rw-r-----",
        "0604, rw----r--",
        "0644, rw-r--r--",
        "0620, rw--w----",
        "0601, rw------x",
        "0444, r--r--r--",
        "0777, rwxrwxrwx"
    })
    void a_file_that_group_or_others_may_use_is_read_with_a_warning_naming_its_mode_and_the_fix(
            String mode, String permissions) {
        // Given a valid file that group or others may read, change or run
        put(file, accountJson("api.example.com", token(1).reveal()));
        chmod(file, permissions);

        // When it is read
        var read = space.accounts().read(Option.some(file));

        // Then it is used, with a warning that names it, its mode and the fix
        assertThat(read.isValid()).as("%s", read).isTrue();
        assertThat(read.get().credential()).isEqualTo(account("api.example.com", 1));
        assertThat(read.get().warnings())
                .containsExactly(file + ": group or others may read or change this file, which holds a token (mode "
                        + mode + "); `chmod 600 " + file + "` keeps it to you");
        assertThat(read.get().warnings().mkString()).doesNotContain(token(1).reveal());
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"rw-------", "r--------", "rwx------"})
    void a_file_that_only_its_owner_may_use_is_read_without_a_warning(String permissions) {
        put(file, accountJson("api.example.com", token(1).reveal()));
        chmod(file, permissions);

        var read = space.accounts().read(Option.some(file));

        assertThat(read.isValid()).as("%s", read).isTrue();
        assertThat(read.get().warnings()).isEmpty();
    }

    @Test
    void the_warning_also_comes_for_a_file_found_along_the_lookup() {
        put(space.work.resolve("credentials.json"), "{\"token\": \"" + token(1).reveal() + "\"}");
        chmod(space.work.resolve("credentials.json"), "rw-r--r--");

        assertThat(space.scripts().read(Option.none()).get().warnings())
                .singleElement()
                .asString()
                .contains("(mode 0644)", "`chmod 600 " + space.work.resolve("credentials.json") + "`");
    }

    @Test
    void the_fix_quotes_a_path_with_a_space() {
        var odd = put(space.work.resolve("my creds/credentials.json"), "{\"token\": \"" + token(1).reveal() + "\"}");
        chmod(odd, "rw-r--r--");

        assertThat(space.scripts().read(Option.some(odd)).get().warnings())
                .singleElement()
                .asString()
                .endsWith("; `chmod 600 '" + odd + "'` keeps it to you");
    }

    @Test
    void on_a_file_system_without_posix_permissions_files_are_written_and_read_without_a_warning() throws IOException {
        // Given a file system that knows no permissions
        try (var fileSystem = Jimfs.newFileSystem(
                Configuration.unix().toBuilder().setAttributeViews("basic").build())) {
            var world = new Workspace(fileSystem.getPath("/world"));

            // When a credential is written and read back
            var written = written(world.accounts().write(Option.none(), account("api.example.com", 1)));
            var read = world.accounts().read(Option.none());

            // Then both work, with no warning
            assertThat(written).isEqualTo(world.configAccountFile());
            assertThat(read.get().credential()).isEqualTo(account("api.example.com", 1));
            assertThat(read.get().warnings()).isEmpty();
        }
    }

    @Test
    void the_mode_is_written_in_octal_as_chmod_takes_it() {
        assertThat(FileCredentials.mode(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x--x")))
                .isEqualTo("0751");
        assertThat(FileCredentials.mode(java.nio.file.attribute.PosixFilePermissions.fromString("---------")))
                .isEqualTo("0000");
        assertThat(FileCredentials.mode(java.nio.file.attribute.PosixFilePermissions.fromString("-w--w--w-")))
                .isEqualTo("0222");
    }
}
