package dev.seatwarden.adapters.filesystem;

import dev.seatwarden.application.client.AccountCredential;
import dev.seatwarden.application.client.ScriptCredential;
import dev.seatwarden.application.port.out.CredentialFiles;
import dev.seatwarden.application.port.out.contract.CredentialFilesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The CredentialFiles contract, run against both files on a real file system. */
class FileCredentialFilesContractTest {

    @TempDir
    Path temp;

    private Workspace fresh() {
        return new Workspace(temp.resolve("world-" + System.nanoTime()));
    }

    private Path given(String name) {
        return temp.resolve("given").resolve(name);
    }

    @Nested
    class AccountFile extends CredentialFilesContract.ForAccountFiles {

        @Override
        protected CredentialFiles<AccountCredential> freshFiles() {
            return fresh().accounts();
        }

        @Override
        protected Path place(String name) {
            return given(name);
        }
    }

    @Nested
    class CredentialsFile extends CredentialFilesContract.ForScriptFiles {

        @Override
        protected CredentialFiles<ScriptCredential> freshFiles() {
            return fresh().scripts();
        }

        @Override
        protected Path place(String name) {
            return given(name);
        }
    }
}
