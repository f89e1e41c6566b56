package dev.seatwarden.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.CredentialFault;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.client.ServerAddress;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.domain.fixtures.DomainGenerators;
import dev.seatwarden.domain.token.Secret;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialFiles} must do: a credential written is read back, exactly, from the
 * path the write answered, with or without {@code --file}; a second write replaces the first; each
 * file keeps its own; a missing file is a fault that names it; nothing shows the token.
 *
 * @param <C> what the files hold
 */
public abstract class CredentialFilesContract<C> {

    private CredentialFiles<C> files;

    /** A fresh adapter: nothing written yet, its lookup order finds no file. */
    protected abstract CredentialFiles<C> freshFiles();

    /**
     * An absolute path that the adapter may write for {@code --file}: no file there yet, and outside
     * the lookup order.
     */
    protected abstract Path place(String name);

    /** Credential number {@code n}; different numbers give different credentials. */
    protected abstract C credential(int n);

    /** The token {@code credential} holds, to check that no message shows it. */
    protected abstract Secret tokenOf(C credential);

    /** The contract for {@code rpd_account.json}: a server {@code api<n>.example.test} and an API token. */
    public abstract static class ForAccountFiles extends CredentialFilesContract<AccountCredential> {
        @Override
        protected AccountCredential credential(int n) {
            return new AccountCredential(
                    ServerAddress.parse("api" + n + ".example.test").get(), DomainGenerators.secret(TokenKind.API, n));
        }

        @Override
        protected Secret tokenOf(AccountCredential credential) {
            return credential.token();
        }
    }

    /** The contract for {@code credentials.json}: an API token. */
    public abstract static class ForScriptFiles extends CredentialFilesContract<ScriptCredential> {
        @Override
        protected ScriptCredential credential(int n) {
            return new ScriptCredential(DomainGenerators.secret(TokenKind.API, 1_000 + n));
        }

        @Override
        protected Secret tokenOf(ScriptCredential credential) {
            return credential.token();
        }
    }

    @BeforeEach
    void freshAdapter() {
        files = freshFiles();
    }

    @Test
    void with_nothing_written_a_read_is_a_fault_that_names_a_file() {
        // When nothing was ever written, a read is invalid
        var read = files.read(Option.none());

        // Then it names where it looked, never null, never empty
        assertThat(read.isInvalid()).isTrue();
        assertThat(read.getError())
                .isNotEmpty()
                .allSatisfy(fault -> assertThat(fault.source()).isNotBlank());
    }

    @Test
    void a_credential_written_to_the_usual_place_is_read_back_from_the_path_the_write_answered() {
        // Given a credential
        var credential = credential(1);

        // When it is written without --file
        var written = files.write(Option.none(), credential);

        // Then the write answers an absolute path, and a read without --file finds it there, exactly
        assertThat(written.isRight()).as("written: %s", written).isTrue();
        assertThat(written.get().isAbsolute()).isTrue();
        var found = files.read(Option.none());
        assertThat(found.isValid()).as("read: %s", found).isTrue();
        assertThat(found.get().file()).isEqualTo(written.get());
        assertThat(found.get().credential()).isEqualTo(credential);
        assertThat(found.get().warnings()).isEmpty();
    }

    @Test
    void a_credential_written_to_a_given_file_is_read_back_from_it_and_only_from_it() {
        // Given a file named with --file
        var file = place("given.json");

        // When a credential is written there
        var written = files.write(Option.some(file), credential(2));

        // Then the write answers that file, a read of it finds the credential, and the usual places
        // still hold nothing
        assertThat(written.toOption()).containsExactly(file);
        var found = files.read(Option.some(file));
        assertThat(found.isValid()).as("read: %s", found).isTrue();
        assertThat(found.get().file()).isEqualTo(file);
        assertThat(found.get().credential()).isEqualTo(credential(2));
        assertThat(files.read(Option.none()).isInvalid()).isTrue();
    }

    @Test
    void a_second_write_replaces_the_first() {
        // Given a credential written, to the usual place and to a given file
        var file = place("replaced.json");
        var first = files.write(Option.none(), credential(3));
        files.write(Option.some(file), credential(3));

        // When another is written to the same places
        var second = files.write(Option.none(), credential(4));
        files.write(Option.some(file), credential(4));

        // Then the same files hold only the second
        assertThat(second).isEqualTo(first);
        assertThat(files.read(Option.none()).get().credential()).isEqualTo(credential(4));
        assertThat(files.read(Option.some(file)).get().credential()).isEqualTo(credential(4));
    }

    @Test
    void each_file_keeps_its_own_credential() {
        // When two given files get different credentials
        var one = place("one.json");
        var two = place("two.json");
        files.write(Option.some(one), credential(5));
        files.write(Option.some(two), credential(6));

        // Then each is read back with its own
        assertThat(files.read(Option.some(one)).get().credential()).isEqualTo(credential(5));
        assertThat(files.read(Option.some(two)).get().credential()).isEqualTo(credential(6));
    }

    @Test
    void a_given_file_that_is_missing_is_a_fault_naming_it_by_its_full_path() {
        // Given a file that does not exist, beside one that does
        var missing = place("missing.json");
        files.write(Option.some(place("other.json")), credential(7));

        // When it is read
        var read = files.read(Option.some(missing));

        // Then the read is invalid, with a fault that names the file by its full path
        assertThat(read.isInvalid()).isTrue();
        assertThat(read.getError()).isNotEmpty().allSatisfy(fault -> {
            assertThat(fault.source()).isEqualTo(missing.toString());
            assertThat(fault.describe()).startsWith(missing.toString());
        });
    }

    @Test
    void nothing_that_a_read_or_a_write_answers_shows_the_token() {
        // Given a credential written, and a read of it and of a missing file
        var credential = credential(8);
        var token = tokenOf(credential).reveal();
        var written = files.write(Option.none(), credential);
        var found = files.read(Option.none());
        var missing = files.read(Option.some(place("nothing-here.json")));

        // Then none of them shows the token
        assertThat(String.valueOf(written)).doesNotContain(token);
        assertThat(String.valueOf(found)).doesNotContain(token);
        assertThat(missing.getError().map(CredentialFault::describe).mkString("\n"))
                .doesNotContain(token);
    }
}
