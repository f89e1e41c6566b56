package dev.seatwarden.adapters.filesystem;

import static dev.seatwarden.adapters.filesystem.Workspace.account;
import static dev.seatwarden.adapters.filesystem.Workspace.accountJson;
import static dev.seatwarden.adapters.filesystem.Workspace.chmod;
import static dev.seatwarden.adapters.filesystem.Workspace.listing;
import static dev.seatwarden.adapters.filesystem.Workspace.permissions;
import static dev.seatwarden.adapters.filesystem.Workspace.put;
import static dev.seatwarden.adapters.filesystem.Workspace.token;
import static dev.seatwarden.adapters.filesystem.Workspace.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential file that is a symbolic link (into a dotfiles folder, say) is written where the link
 * leads, atomically beside the file it leads to; the link stays as it was, and messages name the
 * path the user gave.
 */
class SymbolicLinkWriteTest {

    private static final String OLD = accountJson("old.example.com", token(1).reveal());
    private static final String NEW = accountJson("new.example.com", token(2).reveal());

    @TempDir
    Path temp;

    private Workspace space;
    private Path dotfiles;
    private Path link;

    @BeforeEach
    void workspace() throws IOException {
        space = new Workspace(temp);
        dotfiles = space.root.resolve("dotfiles");
        Files.createDirectories(dotfiles);
        link = space.configAccountFile();
        Files.createDirectories(link.getParent());
    }

    @Test
    void a_link_into_a_dotfiles_folder_stays_a_link_and_the_file_it_leads_to_gets_the_credential() throws IOException {
        // Given ~/.config/seatwarden/rpd_account.json, a link to a copy in the dotfiles folder, mode 0644
        var copy = put(dotfiles.resolve("rpd_account.json"), OLD);
        chmod(copy, "rw-r--r--");
        Files.createSymbolicLink(link, copy);

        // When a credential is written where the lookup finds the file
        var written = written(space.accounts().write(Option.none(), account("new.example.com", 2)));

        // Then the answer names the link, which is still the same link
        assertThat(written).isEqualTo(link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(copy);
        // And the copy holds the new credential, mode 0600, with no temporary file in either folder
        assertThat(Workspace.text(copy)).isEqualTo(NEW);
        assertThat(permissions(copy)).isEqualTo("rw-------");
        assertThat(listing(link.getParent())).containsExactly("rpd_account.json");
        assertThat(listing(dotfiles)).containsExactly("rpd_account.json");
        // And the next read, through the link, finds it
        var read = space.accounts().read(Option.none()).get();
        assertThat(read.credential()).isEqualTo(account("new.example.com", 2));
        assertThat(read.file()).isEqualTo(link);
    }

    @Test
    void a_chain_of_two_links_is_followed_and_a_relative_one_is_taken_from_its_own_folder() throws IOException {
        // Given link -> ../../../dotfiles/seatwarden.json (relative) -> store/account.json (relative)
        var store = dotfiles.resolve("store");
        var file = put(store.resolve("account.json"), OLD);
        var middle = dotfiles.resolve("seatwarden.json");
        Files.createSymbolicLink(middle, Path.of("store", "account.json"));
        Files.createSymbolicLink(link, Path.of("..", "..", "..", "dotfiles", "seatwarden.json"));

        // When a credential is written to the first link
        var written = written(space.accounts().write(Option.some(link), account("new.example.com", 2)));

        // Then both links are as they were, and the file at the end of the chain holds the credential
        assertThat(written).isEqualTo(link);
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("..", "..", "..", "dotfiles", "seatwarden.json"));
        assertThat(Files.readSymbolicLink(middle)).isEqualTo(Path.of("store", "account.json"));
        assertThat(Workspace.text(file)).isEqualTo(NEW);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(listing(link.getParent())).containsExactly("rpd_account.json");
        assertThat(listing(dotfiles)).containsExactly("seatwarden.json", "store");
        assertThat(listing(store)).containsExactly("account.json");
    }

    @Test
    void a_dangling_link_gets_the_file_it_leads_to_made() throws IOException {
        // Given a link to a file that is not there yet, in a folder that is not there yet either
        var file = dotfiles.resolve("seatwarden/rpd_account.json");
        Files.createSymbolicLink(link, file);

        // When the first credential is written
        var written = written(space.accounts().write(Option.none(), account("new.example.com", 2)));

        // Then the link stays, and the file it leads to is made, mode 0600
        assertThat(written).isEqualTo(link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(file);
        assertThat(Workspace.text(file)).isEqualTo(NEW);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(listing(link.getParent())).containsExactly("rpd_account.json");
        assertThat(listing(file.getParent())).containsExactly("rpd_account.json");
    }

    @Test
    void a_loop_of_links_is_a_fault_naming_the_path_given_and_changes_nothing() throws IOException {
        // Given two links that lead to each other
        var other = dotfiles.resolve("rpd_account.json");
        Files.createSymbolicLink(link, other);
        Files.createSymbolicLink(other, link);

        // When a credential is written
        var write = space.accounts().write(Option.some(link), account("new.example.com", 2));

        // Then it is refused, and both links are as they were
        assertThat(write.getLeft().describe())
                .isEqualTo(link + ": not written: a loop of symbolic links, or a chain of more than "
                        + AtomicFile.MAX_LINKS + "; a file that was there is unchanged");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(other);
        assertThat(Files.readSymbolicLink(other)).isEqualTo(link);
        assertThat(listing(link.getParent())).containsExactly("rpd_account.json");
        assertThat(listing(dotfiles)).containsExactly("rpd_account.json");
    }
}
