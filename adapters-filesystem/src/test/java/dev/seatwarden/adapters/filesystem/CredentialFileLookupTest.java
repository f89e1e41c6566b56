package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.account;
import static dev.seatwarden.adapters.filesystem.Workspace.accountJson;
import static dev.seatwarden.adapters.filesystem.Workspace.permissions;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static dev.seatwarden.adapters.filesystem.Workspace.token;
import static dev.seatwarden.adapters.filesystem.Workspace.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.client.ScriptCredential;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the files are looked for, first found wins: {@code --file}, the environment variable, the
 * working directory, then (for {@code rpd_account.json}) {@code $XDG_CONFIG_HOME/seatwarden}; and
 * where a write without {@code --file} goes, so that the next read finds it.
 */
class CredentialFileLookupTest {

    @TempDir
    Path temp;

    private Workspace space;
    private Path given;
    private Path named;
    private Path here;
    private Path config;

    @BeforeEach
    void workspace() {
        space = new Workspace(temp);
        given = space.root.resolve("given/rpd_account.json");
        named = space.root.resolve("named/rpd_account.json");
        here = space.work.resolve("rpd_account.json");
        config = space.configAccountFile();
    }

    private String hostFound(Option<Path> explicit) {
        var read = space.accounts().read(explicit);
        assertThat(read.isValid()).as("%s", read).isTrue();
        return read.get().credential().host().written();
    }

    private Path fileFound() {
        return space.accounts().read(Option.none()).get().file();
    }

    @Test
    void each_place_of_rpd_account_json_wins_over_the_next() throws IOException {
        // Given a different rpd_account.json at each of the four places
        put(given, accountJson("given.example.com", token(1).reveal()));
        put(named, accountJson("named.example.com", token(2).reveal()));
        put(here, accountJson("here.example.com", token(3).reveal()));
        put(config, accountJson("config.example.com", token(4).reveal()));
        space.environment.put(FileCredentialAdapters.ACCOUNT_FILE_VARIABLE, named.toString());

        // Then --file wins, then the variable's file, then the working directory's, then the config folder's
        assertThat(hostFound(Option.some(given))).isEqualTo("given.example.com");
        assertThat(hostFound(Option.none())).isEqualTo("named.example.com");
        Files.delete(named);
        assertThat(hostFound(Option.none())).isEqualTo("here.example.com");
        assertThat(fileFound()).isEqualTo(here);
        Files.delete(here);
        assertThat(hostFound(Option.none())).isEqualTo("config.example.com");
        assertThat(fileFound()).isEqualTo(config);
    }

    @Test
    void each_place_of_credentials_json_wins_over_the_next_and_the_config_folder_is_not_one() throws IOException {
        // Given a different credentials.json at each of its three places, and one in the config folder
        var givenFile = put(space.root.resolve("given/credentials.json"), "{\"token\": \"" + token(1).reveal() + "\"}");
        var namedFile = put(space.root.resolve("named/credentials.json"), "{\"token\": \"" + token(2).reveal() + "\"}");
        var hereFile = put(space.work.resolve("credentials.json"), "{\"token\": \"" + token(3).reveal() + "\"}");
        put(space.home.resolve(".config/seatwarden/credentials.json"), "{\"token\": \"" + token(4).reveal() + "\"}");
        space.environment.put(FileCredentialAdapters.CREDENTIALS_FILE_VARIABLE, namedFile.toString());
        var files = space.scripts();

        // Then --file wins, then the variable's file, then the working directory's, and nothing else
        assertThat(files.read(Option.some(givenFile)).get().credential()).isEqualTo(new ScriptCredential(token(1)));
        assertThat(files.read(Option.none()).get().credential()).isEqualTo(new ScriptCredential(token(2)));
        Files.delete(namedFile);
        assertThat(files.read(Option.none()).get().credential()).isEqualTo(new ScriptCredential(token(3)));
        Files.delete(hereFile);
        assertThat(files.read(Option.none()).isInvalid()).isTrue();
    }

    @Test
    void a_blank_variable_counts_as_unset() {
        // Given variables of white space only
        put(here, accountJson("here.example.com", token(3).reveal()));
        space.environment.put(FileCredentialAdapters.ACCOUNT_FILE_VARIABLE, "  \t");
        space.environment.put("XDG_CONFIG_HOME", " ");

        // Then the reads and writes go where they would without them
        assertThat(fileFound()).isEqualTo(here);
        assertThat(written(space.accounts().write(Option.none(), account("new.example.com", 5))))
                .isEqualTo(here);
        assertThat(written(space.scripts().write(Option.none(), new ScriptCredential(token(5)))))
                .isEqualTo(space.work.resolve("credentials.json"));
    }

    @Test
    void the_config_folder_is_XDG_CONFIG_HOME_if_absolute_else_dot_config_under_home() {
        // Given no variable: ~/.config
        assertThat(written(space.accounts().write(Option.none(), account("a.example.com", 1))))
                .isEqualTo(space.home.resolve(".config/seatwarden/rpd_account.json"));

        // Given an absolute XDG_CONFIG_HOME: there
        var xdg = space.root.resolve("xdg");
        space.environment.put("XDG_CONFIG_HOME", xdg.toString());
        assertThat(written(space.accounts().write(Option.none(), account("b.example.com", 2))))
                .isEqualTo(xdg.resolve("seatwarden/rpd_account.json"));
        assertThat(fileFound()).isEqualTo(xdg.resolve("seatwarden/rpd_account.json"));

        // Given a relative one, which the XDG specification calls invalid: ~/.config again
        space.environment.put("XDG_CONFIG_HOME", "relative/config");
        assertThat(fileFound()).isEqualTo(space.home.resolve(".config/seatwarden/rpd_account.json"));
    }

    @Test
    void relative_paths_are_taken_from_the_working_directory_and_named_in_full() {
        // Given a relative --file and a relative variable
        space.environment.put(FileCredentialAdapters.ACCOUNT_FILE_VARIABLE, "./from-variable/rpd_account.json");

        // When files are written and read through them
        var explicit = space.accounts().write(Option.some(Path.of("./sub/./mine.json")), account("a.example.com", 1));
        var viaVariable = space.accounts().write(Option.none(), account("b.example.com", 2));

        // Then they are under the working directory, named in full, without "." segments
        assertThat(written(explicit)).isEqualTo(space.work.resolve("sub/mine.json"));
        assertThat(written(viaVariable)).isEqualTo(space.work.resolve("from-variable/rpd_account.json"));
        assertThat(space.accounts()
                        .read(Option.some(Path.of("sub/mine.json")))
                        .get()
                        .file())
                .isEqualTo(space.work.resolve("sub/mine.json"));
        assertThat(space.accounts()
                        .read(Option.some(Path.of("missing.json")))
                        .getError()
                        .head()
                        .source())
                .isEqualTo(space.work.resolve("missing.json").toString());
    }

    // ---- where a write goes -------------------------------------------------------------------

    @Test
    void a_write_goes_to_the_variables_file_even_where_another_exists() {
        // Given a file in the working directory, and the variable naming a file not yet there
        put(here, accountJson("here.example.com", token(3).reveal()));
        space.environment.put(FileCredentialAdapters.ACCOUNT_FILE_VARIABLE, named.toString());

        // When a credential is written and read back
        var written = space.accounts().write(Option.none(), account("new.example.com", 5));

        // Then it went to the variable's file, which the read finds first
        assertThat(written(written)).isEqualTo(named);
        assertThat(hostFound(Option.none())).isEqualTo("new.example.com");
        assertThat(Workspace.text(here)).contains("here.example.com");
    }

    @Test
    void a_write_goes_to_the_first_file_that_exists_along_the_lookup() {
        // Given rpd_account.json only in the config folder
        put(config, accountJson("config.example.com", token(4).reveal()));

        // When a credential is written: it replaces that one
        assertThat(written(space.accounts().write(Option.none(), account("new.example.com", 5))))
                .isEqualTo(config);
        assertThat(Files.exists(here)).isFalse();

        // Given one in the working directory too: it replaces that one, which a read finds first
        put(here, accountJson("here.example.com", token(3).reveal()));
        assertThat(written(space.accounts().write(Option.none(), account("newer.example.com", 6))))
                .isEqualTo(here);
        assertThat(hostFound(Option.none())).isEqualTo("newer.example.com");
    }

    @Test
    void a_first_write_goes_to_the_last_place_making_its_folders_with_mode_0700() {
        // Given no file anywhere and no config folder
        // When each file is written
        var account = space.accounts().write(Option.none(), account("new.example.com", 5));
        var script = space.scripts().write(Option.none(), new ScriptCredential(token(6)));

        // Then rpd_account.json went to ~/.config/seatwarden, made with mode 0700, credentials.json to ./
        assertThat(written(account)).isEqualTo(config);
        assertThat(permissions(space.home.resolve(".config"))).isEqualTo("rwx------");
        assertThat(permissions(space.home.resolve(".config/seatwarden"))).isEqualTo("rwx------");
        assertThat(written(script)).isEqualTo(space.work.resolve("credentials.json"));
        assertThat(hostFound(Option.none())).isEqualTo("new.example.com");
        assertThat(space.scripts().read(Option.none()).get().credential()).isEqualTo(new ScriptCredential(token(6)));
    }

    @Test
    void a_given_file_gets_its_missing_folders_with_mode_0700_and_existing_ones_keep_theirs() throws IOException {
        // Given an existing folder of mode 0755
        var existing = Files.createDirectories(space.root.resolve("existing"));
        Workspace.chmod(existing, "rwxr-xr-x");
        var file = existing.resolve("a/b/rpd_account.json");

        // When a file is written below it, in folders that do not exist yet
        assertThat(written(space.accounts().write(Option.some(file), account("new.example.com", 5))))
                .isEqualTo(file);

        // Then the new folders are 0700 and the existing one is unchanged
        assertThat(permissions(existing.resolve("a"))).isEqualTo("rwx------");
        assertThat(permissions(existing.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(permissions(existing)).isEqualTo("rwxr-xr-x");
    }
}
